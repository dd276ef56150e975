import { expect } from 'chai';
import path from 'node:path';
import { loadRuleSet, sortRuleFileNames } from '../../../src/rules/load-rules';
import { FIXTURES, problemLines, ruleSetFrom, testCategories } from './rule-sets';

const dir = (name: string): string => path.join(FIXTURES, name);
const problemsOf = (name: string): Promise<string[]> => problemLines(() => loadRuleSet(dir(name), testCategories));

describe('loadRuleSet', () => {
  it('loads a valid folder into a frozen set in evaluation order', async () => {
    const ruleSet = await loadRuleSet(dir('good'), testCategories);
    expect(ruleSet.rules.map((r) => r.id)).to.deep.equal(['late-delivery', 'refund-en']);
    expect(ruleSet.rules[0]).to.include({ file: path.join(dir('good'), 'rules.yaml'), line: 11, priority: 'high' });
    expect(Object.isFrozen(ruleSet.rules)).to.equal(true);
    expect(Object.isFrozen(ruleSet.rules[0])).to.equal(true);
  });

  it('reports a YAML syntax error at its line, with a hint for the unquoted colon', async () => {
    expect(await problemsOf('bad-yaml')).to.deep.equal([
      `${dir('bad-yaml')}/rules.yaml:3: Nested mappings are not allowed in compact mappings (a text containing ": " must be put in quotes)`,
    ]);
  });

  it('reports a key written twice in one rule', async () => {
    expect(await problemsOf('duplicate-key')).to.deep.equal([`${dir('duplicate-key')}/rules.yaml:5: Map keys must be unique`]);
  });

  it('reports a mistyped key as unknown, and the key it should have been as missing', async () => {
    expect(await problemsOf('unknown-key')).to.deep.equal([
      `${dir('unknown-key')}/rules.yaml:2: rules[0]: missing required key "examples"`,
      `${dir('unknown-key')}/rules.yaml:7: rules[0].exmaples: unknown key "exmaples"`,
    ]);
  });

  it('reports an invalid regular expression at its line', async () => {
    const [problem, ...rest] = await problemsOf('bad-regex');
    expect(rest).to.deep.equal([]);
    expect(problem).to.match(/bad-regex\/rules\.yaml:7: rules\[0\]\.any\[1\]\.regex: invalid regular expression: .*Unterminated group/);
  });

  it('reports a category that categories.yaml does not define, naming the known ones', async () => {
    expect(await problemsOf('unknown-category')).to.deep.equal([
      `${dir('unknown-category')}/rules.yaml:4: rules[0].category: unknown category "refunds" (known: refund, delivery, other)`,
    ]);
  });

  it('rejects the whole set when a rule id is used in two files, reporting it at the second and pointing at the first', async () => {
    expect(await problemsOf('duplicate-id')).to.deep.equal([
      `${dir('duplicate-id')}/b-second.yaml:9: rules[1].id: duplicate rule id "refund" (first defined at ${dir('duplicate-id')}/a-first.yaml:2)`,
    ]);
  });

  it('reports every problem of every file at once, including those of rules next to a broken one', async () => {
    expect(await problemsOf('many-problems')).to.deep.equal([
      `${dir('many-problems')}/a.yaml:6: rules[0].any[0].field: field must be subject, body, text, from, from_domain, attachment or header:<Name>`,
      `${dir('many-problems')}/a.yaml:13: rules[1].department: unknown department "accounts" (known: refunds, logistics, care)`,
      `${dir('many-problems')}/b.yaml:6: rules[0].any[0]: a condition has exactly one of "keywords" or "regex"`,
      `${dir('many-problems')}/b.yaml:8: rules[0].examples: every rule needs at least one example`,
    ]);
  });

  it('reports keywords that cannot match: no letters, a sender domain written as an address, a sender without @', async () => {
    const problems = await problemLines(() =>
      ruleSetFrom(
        { id: 'a', category: 'refund', any: [{ keywords: ['--'] }] },
        { id: 'b', category: 'refund', any: [{ field: 'from_domain', keywords: ['boss@bank.example'] }] },
        { id: 'c', category: 'refund', any: [{ field: 'from', keywords: ['bank.example'] }] },
      ),
    );
    expect(problems).to.deep.equal([
      'inline.yaml:1: rules[0].any[0].keywords: keyword "--" has no letters or digits to match',
      'inline.yaml:1: rules[1].any[0].keywords: "boss@bank.example" is not a domain (from_domain matches a domain such as example.com and its subdomains)',
      'inline.yaml:1: rules[2].any[0].keywords: "bank.example" is not an email address (from matches whole addresses)',
    ]);
  });

  it('reports a missing folder instead of loading an empty set', async () => {
    const [problem] = await problemsOf('no-such-folder');
    expect(problem).to.match(/no-such-folder:0: cannot read rules folder: ENOENT/);
  });
});

describe('sortRuleFileNames', () => {
  it('keeps YAML files only, in byte order, so ties in precedence do not depend on the locale', () => {
    expect(sortRuleFileNames(['b.yaml', 'README.md', 'a.yml', 'B.yaml', '.hidden.yaml', 'a.yaml~'])).to.deep.equal(['B.yaml', 'a.yml', 'b.yaml']);
  });
});

// The shipped rules and categories: they load, and every example written in them holds, one test per
// rule, so `npm test` fails on the rule an admin (or a developer) just broke.
import { expect } from 'chai';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parseCategories } from '../../../src/rules/categories';
import { checkRuleExamples } from '../../../src/rules/check-examples';
import { buildRuleSet, loadRuleSet, sortRuleFileNames } from '../../../src/rules/load-rules';

const CONFIG = path.join(__dirname, '../../../config');
const RULES_DIR = path.join(CONFIG, 'rules');
const CATEGORIES_FILE = path.join(CONFIG, 'categories.yaml');

// Read synchronously: mocha needs the rules while it declares the tests, before anything async runs.
const categories = parseCategories(CATEGORIES_FILE, readFileSync(CATEGORIES_FILE, 'utf8'));
const files = sortRuleFileNames(readdirSync(RULES_DIR)).map((name) => {
  const file = path.join(RULES_DIR, name);
  return { file, text: readFileSync(file, 'utf8') };
});
const ruleSet = buildRuleSet(files, categories);

describe('default rules (config/rules)', () => {
  it('load with config/categories.yaml', async () => {
    const loaded = await loadRuleSet(RULES_DIR, categories);
    expect(loaded.rules.map((r) => r.id)).to.deep.equal(ruleSet.rules.map((r) => r.id));
    expect(loaded.rules.length).to.be.greaterThan(10);
  });

  it('give every category except "other" a Russian and an English rule', () => {
    for (const id of categories.categories.keys()) {
      if (id === 'other') continue;
      const ruleIds = ruleSet.rules.filter((r) => r.category === id).map((r) => r.id);
      expect(ruleIds, id).to.include.members([`${id}-ru`, `${id}-en`]);
    }
  });

  describe('examples and counter-examples', () => {
    for (const rule of ruleSet.rules) {
      it(`${rule.id}: its ${rule.examples.length} examples are won by it and its ${rule.counterExamples.length} counter-examples do not match it`, () => {
        expect(rule.examples.length, 'examples').to.be.at.least(2);
        expect(rule.counterExamples.length, 'counter-examples').to.be.at.least(2);
        const failures = checkRuleExamples(ruleSet, rule).map((f) => `${f.file}:${f.line} ${f.kind} "${f.preview}": ${f.problem}`);
        expect(failures).to.deep.equal([]);
      });
    }
  });
});

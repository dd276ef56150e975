import { expect } from 'chai';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { formatProblem } from '../../../src/rules/rule-file-error';
import { QuotingPatternError } from '../../../src/mail/quoting-pattern-error';
import { defaultQuotingDir, loadDefaultQuotingPatterns, loadQuotingPatterns } from '../../../src/mail/quoting-patterns';

const FIXTURES = path.join(__dirname, '../../fixtures/quoting');
const dir = (name: string): string => path.join(FIXTURES, name);

function problemsOf(name: string): string[] {
  try {
    loadQuotingPatterns(dir(name));
  } catch (err) {
    if (err instanceof QuotingPatternError) return err.problems.map(formatProblem);
    throw err;
  }
  throw new Error('expected a QuotingPatternError, but nothing was thrown');
}

describe('loading quoting patterns', () => {
  it('the shipped files load, and know the Russian, Ukrainian and English formats', () => {
    const patterns = loadDefaultQuotingPatterns();
    expect(patterns.files.map((f) => path.basename(f))).to.include.members(['common.yaml', 'ru.yaml', 'uk.yaml', 'en.yaml']);
    expect(patterns.headerFields.get('отправлено')).to.equal('date');
    expect(patterns.headerFields.get('від')).to.equal('from');
    expect(patterns.headerFields.get('subject')).to.equal('subject');
    expect(patterns.thanks.maxLength).to.be.greaterThan(0);
  });

  it('every shipped file opens with a comment for the admin who edits it', () => {
    for (const name of readdirSync(defaultQuotingDir())) {
      expect(readFileSync(path.join(defaultQuotingDir(), name), 'utf8'), name).to.match(/^# /);
    }
  });

  it('a valid folder compiles its patterns anchored and case-insensitive', () => {
    const patterns = loadQuotingPatterns(dir('good'));
    const [attribution] = patterns.attribution;
    expect(attribution?.regex.test('ON MON, 12 FEB 2024, SUPPORT WROTE:')).to.equal(true);
    expect(attribution?.regex.test('I said: On Mon, Support wrote: hi')).to.equal(false);
    expect(attribution).to.include({ file: path.join(dir('good'), 'common.yaml'), line: 3 });
    expect(patterns.thanks.phrases).to.deep.equal([['thank', 'you'], ['спасибо']]);
  });

  it('reports an invalid regular expression at its line', () => {
    const [problem, ...rest] = problemsOf('bad-regex');
    expect(rest).to.deep.equal([]);
    expect(problem).to.match(/bad-regex\/en\.yaml:4: attribution\[0\]\.regex: invalid regular expression: .*Unterminated group/);
  });

  it('reports a pattern that does not match its own example', () => {
    expect(problemsOf('example-mismatch')).to.deep.equal([
      `${dir('example-mismatch')}/ru.yaml:4: attribution[0].regex: does not match its example "12.02.2024 10:15, Служба поддержки написал:"`,
    ]);
  });

  it('rejects unknown keys, at the top and inside a pattern, naming the missing one', () => {
    expect(problemsOf('unknown-key')).to.deep.equal([
      `${dir('unknown-key')}/en.yaml:2: atribution: unknown key "atribution"`,
      `${dir('unknown-key')}/en.yaml:6: sign_offs[0]: missing required key "regex"`,
      `${dir('unknown-key')}/en.yaml:7: sign_offs[0].regexp: unknown key "regexp"`,
    ]);
  });

  it('reports a YAML syntax error at its line, with the hint about quoting', () => {
    const [problem] = problemsOf('bad-yaml');
    expect(problem).to.match(/bad-yaml\/en\.yaml:3: .*\(a text containing ": " must be put in quotes\)/);
  });

  it('reports a field name given two meanings, a length set twice and a phrase without words, across files', () => {
    expect(problemsOf('conflicts')).to.deep.equal([
      `${dir('conflicts')}/b.yaml:3: header_fields.date[0]: header field "De" is already a "from" field (${dir('conflicts')}/a.yaml:3)`,
      `${dir('conflicts')}/b.yaml:5: thanks.max_length: thanks.max_length is already set (${dir('conflicts')}/a.yaml:5); set it in one file only`,
      `${dir('conflicts')}/b.yaml:6: thanks.phrases[0]: "!!!" has no letters or digits to match`,
    ]);
  });

  it('requires thanks.max_length in one of the files', () => {
    expect(problemsOf('no-max-length')).to.deep.equal([`${dir('no-max-length')}/en.yaml:0: thanks.max_length must be set in one quoting file`]);
  });

  it('reports an invalid CSS selector and an unknown marker kind at their lines', () => {
    const problems = problemsOf('bad-selector');
    expect(problems).to.have.length(2);
    expect(problems[0]).to.match(/bad-selector\/common\.yaml:3: html_markers\[0\]\.selector: invalid CSS selector: /);
    expect(problems[1]).to.match(/bad-selector\/common\.yaml:6: html_markers\[1\]\.kind: Invalid option: expected one of "quote"\|"history"\|"rule"\|"signature"/);
  });

  it('reports a folder that does not exist as a problem of the folder', () => {
    expect(problemsOf('missing')).to.have.length(1).and.to.match(/missing:0: cannot read quoting folder: /);
  });
});

import { expect } from 'chai';
import { loadThreatLists, parseThreatLists } from '../../../src/alerts/threat-file';
import { problemLines } from '../rules/rule-sets';

describe('threat phrase lists file', () => {
  it('reports an unknown kind, an unknown key, a phrase without letters and a duplicate id, each at its line', async () => {
    const text = [
      'groups:',
      '  - id: court-ru',
      '    kind: court',
      '    description: Суд',
      '    phrases: [суд, "!!"]',
      '    examples: [Подам в суд]',
      '  - id: court-ru',
      '    kind: tribunal',
      '    description: Суд',
      '    phrases: [суд]',
      '    examples: [Подам в суд]',
      '    counterexamples: [Судя по всему]',
    ].join('\n');
    expect(await problemLines(() => parseThreatLists('t.yaml', text))).to.deep.equal([
      't.yaml:5: groups[0].phrases[1]: keyword "!!" has no letters or digits to match',
      't.yaml:8: groups[1].kind: Invalid option: expected one of "court"|"regulator"|"press"|"lawyer"|"police"',
      't.yaml:12: groups[1].counterexamples: unknown key "counterexamples"',
    ]);
  });

  it('rejects a group id used twice and a group without examples', async () => {
    const group = (id: string, examples: string): string[] => [`  - id: ${id}`, '    kind: press', '    description: СМИ', '    phrases: [сми]', `    examples: ${examples}`];
    const text = ['groups:', ...group('press-ru', '[В СМИ]'), ...group('press-ru', '[В СМИ]'), ...group('press-en', '[]')].join('\n');
    expect(await problemLines(() => parseThreatLists('t.yaml', text))).to.deep.equal([
      't.yaml:7: groups[1].id: duplicate group id "press-ru" (first defined at line 2)',
      't.yaml:16: groups[2].examples: every group needs at least one example',
    ]);
  });

  it('names the file that cannot be read', async () => {
    expect(await problemLines(() => loadThreatLists('/nonexistent/threats.yaml'))).to.have.length(1);
    expect(() => parseThreatLists('t.yaml', 'groups: [')).to.throw(/in the threat phrase lists:\nt\.yaml:1: /);
  });
});

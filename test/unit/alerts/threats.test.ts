import { expect } from 'chai';
import { parseThreatLists } from '../../../src/alerts/threat-file';
import { detectThreats } from '../../../src/alerts/threats';
import type { ThreatLists } from '../../../src/alerts/threats';

function listsOf(...groups: Array<Record<string, unknown>>): ThreatLists {
  const filled = groups.map((g) => ({ description: 'a test group', examples: ['unused'], ...g }));
  return parseThreatLists('inline.yaml', JSON.stringify({ groups: filled }));
}

const court = listsOf({ id: 'court-ru', kind: 'court', phrases: ['суд', 'пода* в суд', 'иск'], except: ['судя*'] });

describe('detectThreats', () => {
  it('matches a phrase in another case form, by stem («суд» finds «судом»)', () => {
    expect(detectThreats('Пригрожу судом', '', court)).to.deep.equal([{ kind: 'court', group: 'court-ru', phrase: 'суд', matched: 'судом', where: 'body' }]);
  });

  it('looks at the subject too, and says where it found the phrase', () => {
    expect(detectThreats('Верните деньги', 'Иск', court).map((t) => `${t.matched} (${t.where})`)).to.deep.equal(['иск (subject)']);
  });

  it('shows the longest of overlapping phrases, and each phrase once', () => {
    const threats = detectThreats('Подам в суд. И иск, и ещё иск.', '', court);
    expect(threats.map((t) => t.matched)).to.deep.equal(['подам в суд', 'иск']);
  });

  it('still reports a phrase inside a longer one when it also stands alone elsewhere', () => {
    const threats = detectThreats('Подам в суд. Суд разберётся.', '', court);
    expect(threats.map((t) => t.phrase)).to.deep.equal(['пода* в суд', 'суд']);
  });

  it('ignores a phrase inside an "except" wording, but not the same phrase elsewhere in the letter', () => {
    expect(detectThreats('Судя по ответу, вы не читали письмо', '', court)).to.deep.equal([]);
    expect(detectThreats('Судя по ответу, дело идёт в суд', '', court).map((t) => t.matched)).to.deep.equal(['суд']);
  });

  it('does not match a phrase across the subject and the body', () => {
    expect(detectThreats('в суд', 'Подам', listsOf({ id: 'g', kind: 'court', phrases: ['пода* в суд'] }))).to.deep.equal([]);
  });

  it('reports every group that matches, in file order', () => {
    const lists = listsOf({ id: 'court-en', kind: 'court', phrases: ['court'] }, { id: 'lawyer-en', kind: 'lawyer', phrases: ['lawyer'] });
    expect(detectThreats('My lawyer says court', '', lists).map((t) => t.group)).to.deep.equal(['court-en', 'lawyer-en']);
  });
});

// The shipped threat phrase lists: they load, every example written in them holds (one test per group),
// and the false alarms an admin would hit first stay quiet.
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { checkThreatExamples } from '../../../src/alerts/check-threat-examples';
import { loadThreatLists, parseThreatLists } from '../../../src/alerts/threat-file';
import { THREAT_KINDS, detectThreats } from '../../../src/alerts/threats';

const FILE = path.join(__dirname, '../../../config/alerts/threats.yaml');
// Read synchronously: mocha needs the groups while it declares the tests.
const lists = parseThreatLists(FILE, readFileSync(FILE, 'utf8'));

const kindsIn = (text: string, subject = ''): string[] => [...new Set(detectThreats(text, subject, lists).map((t) => t.kind))];

describe('default threat phrase lists (config/alerts/threats.yaml)', () => {
  it('load, with a Russian and an English group for every kind', async () => {
    const loaded = await loadThreatLists(FILE);
    expect(loaded.groups.map((g) => g.id)).to.deep.equal(lists.groups.map((g) => g.id));
    for (const kind of THREAT_KINDS) expect(lists.groups.filter((g) => g.kind === kind).map((g) => g.id), kind).to.deep.equal([`${kind}-ru`, `${kind}-en`]);
  });

  describe('examples and counter-examples', () => {
    for (const group of lists.groups) {
      it(`${group.id}: its ${group.examples.length} examples are found by it and its ${group.counterExamples.length} counter-examples are not`, () => {
        expect(group.examples.length, 'examples').to.be.at.least(2);
        expect(group.counterExamples.length, 'counter-examples').to.be.at.least(2);
        const failures = checkThreatExamples(group).map((f) => `${f.file}:${f.line} ${f.kind} "${f.preview}": ${f.problem}`);
        expect(failures).to.deep.equal([]);
      });
    }
  });

  it('finds the threats the issue names: суд, иск, прокуратура, Роспотребнадзор, ЦБ, ФАС, СМИ', () => {
    expect(kindsIn('Подам в суд')).to.deep.equal(['court']);
    expect(kindsIn('Подготовлю иск')).to.deep.equal(['court']);
    for (const text of ['Жалоба в прокуратуру', 'Напишу в Роспотребнадзор', 'Сообщу в ЦБ', 'Обращение в ФАС']) expect(kindsIn(text), text).to.deep.equal(['regulator']);
    expect(kindsIn('Обращусь в СМИ')).to.deep.equal(['press']);
  });

  it('finds lawyer, court, sue, regulator, ombudsman and press in English', () => {
    expect(kindsIn('My lawyer has the papers')).to.deep.equal(['lawyer']);
    expect(kindsIn('See you in court')).to.deep.equal(['court']);
    expect(kindsIn('I will sue you')).to.deep.equal(['court']);
    expect(kindsIn('Reporting you to the regulator and the ombudsman')).to.deep.equal(['regulator']);
    expect(kindsIn('Talking to the press tomorrow')).to.deep.equal(['press']);
  });

  it('stays quiet on «судя по всему», «рассудить», «судно», "express delivery" and "press the button"', () => {
    for (const text of ['Судя по всему, заказ потерян', 'Помогите рассудить спор', 'Судно доставили без крышки', 'Express delivery was late', 'Press the button twice']) {
      expect(detectThreats(text, '', lists), text).to.deep.equal([]);
    }
  });

  it('reports the writer\'s words with the phrase and the group, «подам в суд» rather than also «суд»', () => {
    expect(detectThreats('Судя по всему, придётся подать в суд.', 'Претензия', lists)).to.deep.equal([
      { kind: 'court', group: 'court-ru', phrase: 'пода* в суд', matched: 'подать в суд', where: 'body' },
    ]);
  });
});

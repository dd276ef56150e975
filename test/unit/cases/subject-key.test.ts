import { expect } from 'chai';
import { normalizeSubject, subjectKey } from '../../../src/cases/subject-key';

describe('subject normalisation', () => {
  const cases: Array<[string, string]> = [
    ['Re: Не пришёл заказ', 'Не пришёл заказ'],
    ['RE: Fwd: re: Не пришёл заказ', 'Не пришёл заказ'],
    ['Отв: Ответ: На: Пересл: Не пришёл заказ', 'Не пришёл заказ'],
    ['AW: WG: SV: VS: Lieferung fehlt', 'Lieferung fehlt'],
    ['Re[3]: Fwd[2]: Re(2): Refund', 'Refund'],
    ['Fw: FWD: Refund', 'Refund'],
    ['Re: [CMP-2026-000001] Re: Refund', 'Refund'],
    ['[CMP-2026-000001]', ''],
    ['Refund:  two   spaces', 'Refund: two spaces'],
  ];
  for (const [raw, expected] of cases) {
    it(`"${raw}" is "${expected}"`, () => expect(normalizeSubject(raw, 'CMP')).to.equal(expected));
  }

  it('a word that merely starts like a prefix is kept: "Research: results", "На складе нет"', () => {
    expect(normalizeSubject('Research: results', 'CMP')).to.equal('Research: results');
    expect(normalizeSubject('На складе нет товара', 'CMP')).to.equal('На складе нет товара');
  });

  it('the stored key ignores letter case and ё/е', () => {
    expect(subjectKey('Re: Не ПРИШЁЛ заказ', 'CMP')).to.equal(subjectKey('не пришел заказ', 'CMP'));
  });

  it('a very long subject gives a key of its first 300 characters, so two replies to it still match', () => {
    const subject = 'Ж'.repeat(1000);
    expect(subjectKey(subject, 'CMP')).to.equal('ж'.repeat(300));
    expect(subjectKey(`Re: ${subject}`, 'CMP')).to.equal(subjectKey(subject, 'CMP'));
  });
});

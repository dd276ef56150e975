import { expect } from 'chai';
import { BOUNCE_FORMATS, detectBounceFormat } from '../../../src/mail/bounce-formats';

describe('bounce layouts known by their words', () => {
  for (const rule of BOUNCE_FORMATS) {
    it(`the ${rule.format} rule (${rule.description}) recognises its own example`, () => {
      expect(detectBounceFormat(rule.example)?.format).to.equal(rule.format);
    });
  }

  it('every format name is used by one rule only', () => {
    const names = BOUNCE_FORMATS.map((rule) => rule.format);
    expect(new Set(names).size).to.equal(names.length);
  });

  it('a letter written by a person matches no layout but the vague one', () => {
    const complaint = 'Добрый день! Прошу разобраться: ваш курьер не привёз заказ, а в приложении написано «доставлено».';
    expect(detectBounceFormat(complaint)).to.equal(null);
  });
});

import { expect } from 'chai';
import path from 'node:path';
import { loadDefaultQuotingPatterns, loadQuotingPatterns } from '../../../src/mail/quoting-patterns';
import { isThanksOnly } from '../../../src/mail/thanks-only';

const patterns = loadDefaultQuotingPatterns();
const thanksOnly = (text: string): boolean => isThanksOnly(text, patterns);

describe('isThanksOnly', () => {
  it('a Russian thanks, with any case, punctuation or emoji, is only thanks', () => {
    for (const text of ['спасибо', 'Спасибо!', 'Большое спасибо!!! 🙏', 'Благодарю вас.', 'Спасибо еще раз.', 'Спасибо большое за быстрый ответ 👍']) {
      expect(thanksOnly(text), text).to.equal(true);
    }
  });

  it('an English thanks, with an acknowledgement before it, is only thanks', () => {
    for (const text of ['thanks', 'Thank you!', 'ok, thanks', 'OK thank you very much :)', 'Thanks a lot for your help.']) {
      expect(thanksOnly(text), text).to.equal(true);
    }
  });

  it('a name or a closing after the thanks does not stop a match', () => {
    for (const text of ['Спасибо!\nИван', 'Спасибо, Иван Петрович!', 'Thanks, Alex', 'Thank you.\n\nBest regards,\nJane Doe', 'Спасибо.\n\nС уважением,\nИван Петров']) {
      expect(thanksOnly(text), text).to.equal(true);
    }
  });

  it('a passage quoted above the thanks is not counted as the client\'s words', () => {
    expect(thanksOnly('> Деньги возвращены на вашу карту.\n\nСпасибо!')).to.equal(true);
  });

  it('thanks with a complaint in it is not only thanks', () => {
    expect(thanksOnly('спасибо, но деньги так и не вернули')).to.equal(false);
    expect(thanksOnly('Thanks for nothing.')).to.equal(false);
  });

  it('a question mark means the client is asking, whatever the words', () => {
    expect(thanksOnly('Thanks? Where is my refund')).to.equal(false);
    expect(thanksOnly('Спасибо?')).to.equal(false);
  });

  it('reporting the outcome ("Спасибо, всё получил") is not only thanks: staff should see it', () => {
    expect(thanksOnly('Спасибо, всё получил')).to.equal(false);
    expect(thanksOnly('Thanks, got the refund.')).to.equal(false);
  });

  it('an acknowledgement without thanks, or an empty text, is not thanks', () => {
    expect(thanksOnly('ok')).to.equal(false);
    expect(thanksOnly('Хорошо')).to.equal(false);
    expect(thanksOnly('')).to.equal(false);
    expect(thanksOnly('Ok\nThanks')).to.equal(true);
  });

  it('thanks longer than the configured length is not only thanks', () => {
    const long = Array.from({ length: 12 }, () => 'спасибо').join(' ');
    expect(long.length).to.be.greaterThan(patterns.thanks.maxLength);
    expect(thanksOnly(long)).to.equal(false);
  });

  it('the phrases are the quoting files\' own: a folder that lists only "thank you" and «спасибо» knows no "thanks"', () => {
    const own = loadQuotingPatterns(path.join(__dirname, '../../fixtures/quoting/good'));
    expect(isThanksOnly('Thank you, ok', own)).to.equal(true);
    expect(isThanksOnly('Thanks', own)).to.equal(false);
  });
});

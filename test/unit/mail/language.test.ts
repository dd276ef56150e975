import { expect } from 'chai';
import { guessLanguage } from '../../../src/mail/language';

describe('guessing the language of a complaint', () => {
  it('a Russian complaint is ru', () => {
    expect(guessLanguage('Жалоба\nВторую неделю нет горячей воды, прошу принять меры.')).to.equal('ru');
  });

  it('an English complaint is en', () => {
    expect(guessLanguage('Complaint\nThe parcel has not arrived after three weeks.')).to.equal('en');
  });

  it('a Russian complaint full of links, addresses and brand names is still ru', () => {
    const text = 'Заказ на https://shop.example.test/orders/1234567890?utm_source=newsletter не пришёл, ' +
      'писал на support@shop.example.test, ответа нет. Samsung Galaxy';
    expect(guessLanguage(text)).to.equal('ru');
  });

  it('a couple of words is too little to tell', () => {
    expect(guessLanguage('Привет!')).to.equal(null);
    expect(guessLanguage('ok thanks')).to.equal(null);
  });

  it('a long run of letters without spaces is judged in time (an address pattern once made it quadratic)', function () {
    this.timeout(2000);
    expect(guessLanguage('ж'.repeat(300_000))).to.equal('ru');
  });

  it('text that is as much English as Russian is left undecided', () => {
    expect(guessLanguage('Good afternoon, the heating is off. Добрый день, отопления нет.')).to.equal(null);
  });
});

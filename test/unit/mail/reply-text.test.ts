import { expect } from 'chai';
import { loadDefaultQuotingPatterns } from '../../../src/mail/quoting-patterns';
import { splitReply } from '../../../src/mail/reply-text';
import type { ReplySplit } from '../../../src/mail/reply-text';

const patterns = loadDefaultQuotingPatterns();
const split = (...lines: string[]): ReplySplit => splitReply({ text: lines.join('\n'), html: null }, patterns);
const splitHtml = (html: string, text = ''): ReplySplit => splitReply({ text, html }, patterns);

const COMPLAINT = 'Деньги так и не вернули.';
const OUR_LETTER = '> Ваша жалоба зарегистрирована под номером CMP-2024-000123.';

describe('splitting a reply: Russian clients', () => {
  it('Gmail: the new text stops at «<date>, <sender> <address>:» and the quote keeps that line', () => {
    const s = split(COMPLAINT, '', 'пн, 12 февр. 2024 г. в 10:15, Служба поддержки <support@example.ru>:', '', OUR_LETTER);
    expect(s).to.deep.equal({
      text: COMPLAINT,
      quote: `пн, 12 февр. 2024 г. в 10:15, Служба поддержки <support@example.ru>:\n\n${OUR_LETTER}`,
      signature: '',
    });
  });

  it('Gmail and Android: «пользователь … написал:» is found when the address wraps onto the next line', () => {
    const s = split(COMPLAINT, '', '12 февраля 2024 г., 10:15 пользователь Служба поддержки <', 'support@example.ru> написал:', '', OUR_LETTER);
    expect(s.text).to.equal(COMPLAINT);
    expect(s.quote).to.match(/^12 февраля 2024 г\., 10:15 пользователь/);
  });

  it('Yandex: «12.02.2024, 10:15, "Служба поддержки" <address>:» starts the quote', () => {
    const s = split(COMPLAINT, '', '12.02.2024, 10:15, "Служба поддержки" <support@example.ru>:', OUR_LETTER);
    expect(s.text).to.equal(COMPLAINT);
    expect(s.quote).to.match(/^12\.02\.2024, 10:15/);
  });

  it('Mail.ru: «<date> от <sender> <address>:» starts the quote', () => {
    const s = split(COMPLAINT, '', 'Понедельник, 12 февраля 2024, 10:15 +03:00 от Служба поддержки <support@example.ru>:', '', OUR_LETTER);
    expect(s.text).to.equal(COMPLAINT);
    expect(s.quote).to.match(/^Понедельник, 12 февраля 2024/);
  });

  it('Thunderbird: «<date>, <sender> пишет:» starts the quote', () => {
    const s = split(COMPLAINT, '', '12.02.2024 10:15, Служба поддержки пишет:', OUR_LETTER);
    expect(s).to.include({ text: COMPLAINT, quote: `12.02.2024 10:15, Служба поддержки пишет:\n${OUR_LETTER}` });
  });

  it('Apple Mail and iOS: a quoted «… написал(а):» and the iPhone footer are split off, the footer kept as the signature', () => {
    const s = split(COMPLAINT, '', 'Отправлено с iPhone', '', '> 12 февр. 2024 г., в 10:15, Служба поддержки <support@example.ru> написал(а):', '>', OUR_LETTER);
    expect(s).to.deep.equal({
      text: COMPLAINT,
      quote: `> 12 февр. 2024 г., в 10:15, Служба поддержки <support@example.ru> написал(а):\n>\n${OUR_LETTER}`,
      signature: 'Отправлено с iPhone',
    });
  });

  it('Outlook: the От:/Отправлено:/Кому:/Тема: block and the unquoted letter below it are history', () => {
    const s = split(
      COMPLAINT,
      '',
      'От: Служба поддержки <support@example.ru>',
      'Отправлено: 12 февраля 2024 г. 10:15',
      'Кому: Иван Петров',
      'Тема: RE: Жалоба CMP-2024-000123',
      '',
      'Ваша жалоба зарегистрирована.',
    );
    expect(s.text).to.equal(COMPLAINT);
    expect(s.quote).to.match(/^От: Служба поддержки[\s\S]*Ваша жалоба зарегистрирована\.$/);
  });

  it('Outlook: «-----Исходное сообщение-----» goes to the quote with the headers under it', () => {
    const s = split(COMPLAINT, '', '-----Исходное сообщение-----', 'От: Служба поддержки [mailto:support@example.ru]', 'Отправлено: 12 февраля 2024 г. 10:15', 'Кому: Иван Петров', '', 'Ваша жалоба зарегистрирована.');
    expect(s.text).to.equal(COMPLAINT);
    expect(s.quote).to.match(/^-----Исходное сообщение-----\nОт:/);
  });

  it('a forwarded letter below the client\'s words is history, with its marker', () => {
    const s = split('Пересылаю ответ магазина, прошу разобраться.', '', '-------- Пересылаемое сообщение --------', '12.02.2024, 10:15, "Магазин" <shop@example.ru>:', '', 'В возврате отказано.');
    expect(s.text).to.equal('Пересылаю ответ магазина, прошу разобраться.');
    expect(s.quote).to.match(/^-------- Пересылаемое сообщение --------[\s\S]*В возврате отказано\.$/);
  });

  it('a forward with nothing written above it gives the forwarded letter as the text', () => {
    const s = split('-------- Пересылаемое сообщение --------', 'От: Магазин <shop@example.ru>', 'Дата: 12.02.2024', 'Тема: Возврат', 'Кому: Иван', '', 'В возврате отказано.');
    expect(s.text).to.equal('В возврате отказано.');
    expect(s.quote).to.match(/^-------- Пересылаемое сообщение --------\nОт: Магазин/);
  });

  it('«С уважением,» starts the signature, which keeps the name and the phone', () => {
    const s = split(COMPLAINT, '', 'С уважением,', 'Иван Петров', 'тел. +7 916 123-45-67');
    expect(s).to.deep.equal({ text: COMPLAINT, quote: '', signature: 'С уважением,\nИван Петров\nтел. +7 916 123-45-67' });
  });

  it('«Отправлено из мобильной Почты Mail.ru» is a signature', () => {
    const s = split('Деньги так и не вернули', '', '', 'Отправлено из мобильной Почты Mail.ru');
    expect(s).to.include({ text: 'Деньги так и не вернули', signature: 'Отправлено из мобильной Почты Mail.ru' });
  });

  it('«Менеджер мне написал:» without a date or an address is the client\'s text, not an attribution', () => {
    const s = split('Менеджер мне написал:', 'Возврат невозможен.', 'Я с этим не согласен.');
    expect(s).to.deep.equal({ text: 'Менеджер мне написал:\nВозврат невозможен.\nЯ с этим не согласен.', quote: '', signature: '' });
  });

  it('«12 марта 2024 менеджер написал:» in the client\'s own account is not history when no quote follows', () => {
    const s = split('12 марта 2024 менеджер написал:', 'Возврат невозможен.', 'Я с этим не согласен.');
    expect(s).to.include({ text: '12 марта 2024 менеджер написал:\nВозврат невозможен.\nЯ с этим не согласен.', quote: '' });
  });

  it('«С уважением к вашему труду, но …» is a sentence, not a closing', () => {
    expect(split('Добрый день.', 'С уважением к вашему труду, но я недоволен.', 'Верните деньги.').signature).to.equal('');
  });

  it('a rule of dashes inside a receipt does not start a signature when no contact details follow', () => {
    const s = split('Состав заказа:', '-----', 'Чайник 1 шт.', 'Чашка 2 шт.', '-----', 'Итого 1500 руб. Прошу вернуть деньги.');
    expect(s.signature).to.equal('');
    expect(s.text).to.include('Прошу вернуть деньги.');
  });
});

describe('splitting a reply: English clients', () => {
  it('Gmail: "On <date>, <sender> wrote:" and the ">" lines below are the quote', () => {
    const s = split('The parcel never arrived.', '', 'On Mon, Feb 12, 2024 at 10:15 AM Support <support@example.com> wrote:', '', '> We have registered your complaint.');
    expect(s).to.deep.equal({
      text: 'The parcel never arrived.',
      quote: 'On Mon, Feb 12, 2024 at 10:15 AM Support <support@example.com> wrote:\n\n> We have registered your complaint.',
      signature: '',
    });
  });

  it('Gmail: an attribution split over two lines is still one', () => {
    const s = split('The parcel never arrived.', '', 'On Mon, Feb 12, 2024 at 10:15 AM Support <', 'support@example.com> wrote:', '> We have registered your complaint.');
    expect(s.text).to.equal('The parcel never arrived.');
  });

  it('Outlook: "-----Original Message-----" and the From:/Sent:/To:/Subject: block are history', () => {
    const s = split('Still no refund.', '', '-----Original Message-----', 'From: Support [mailto:support@example.com]', 'Sent: Monday, February 12, 2024 10:15 AM', 'To: Jane Doe', 'Subject: RE: Complaint', '', 'We have registered your complaint.');
    expect(s.text).to.equal('Still no refund.');
    expect(s.quote).to.match(/^-----Original Message-----\nFrom: Support/);
  });

  it('Outlook: a line of underscores above the header block belongs to the quote, not the signature', () => {
    const s = split('Still no refund.', '________________________________', 'From: Support <support@example.com>', 'Sent: Monday, 12 February 2024 10:15', 'To: Jane Doe', 'Subject: RE: Complaint', '', 'Registered.');
    expect(s).to.include({ text: 'Still no refund.', signature: '' });
    expect(s.quote).to.match(/^_{32}\nFrom: Support/);
  });

  it('Apple Mail: "On 12 Feb 2024, at 10:15, <sender> wrote:" starts the quote', () => {
    const s = split('Still no refund.', '', '> On 12 Feb 2024, at 10:15, Support <support@example.com> wrote:', '>', '> Registered.');
    expect(s.text).to.equal('Still no refund.');
  });

  it('Thunderbird: "On 12/02/2024 10:15, <sender> wrote:" starts the quote', () => {
    expect(split('Still no refund.', '', 'On 12/02/2024 10:15, Support wrote:', '> Registered.').text).to.equal('Still no refund.');
  });

  it('"On 12 March 2024 the courier wrote:" inside the client\'s story does not cut it short', () => {
    const s = split('The parcel was damaged.', 'On 12 March 2024 the courier wrote:', 'Not our fault.', 'I want a refund.');
    expect(s).to.include({ text: 'The parcel was damaged.\nOn 12 March 2024 the courier wrote:\nNot our fault.\nI want a refund.', quote: '' });
  });

  it('"Sent from my iPhone" is a signature, but "Sent from my desk, …" is a sentence', () => {
    expect(split('Here it is.', '', 'Sent from my iPhone')).to.include({ text: 'Here it is.', signature: 'Sent from my iPhone' });
    expect(split('Here it is.', '', 'Sent from my desk, is much easier than my phone.').signature).to.equal('');
  });

  it('"-- " starts the signature and the signature is kept', () => {
    expect(split('Refund please.', '', '-- ', 'Jane Doe', 'ACME Ltd')).to.include({ text: 'Refund please.', signature: '-- \nJane Doe\nACME Ltd' });
  });

  it('"Best regards," starts the signature, but a closing "Thanks," stays in the text', () => {
    expect(split('Refund please.', '', 'Best regards,', 'Jane')).to.include({ text: 'Refund please.', signature: 'Best regards,\nJane' });
    expect(split('Refund please.', '', 'Thanks,', 'Jane')).to.include({ text: 'Refund please.\n\nThanks,\nJane', signature: '' });
  });

  it('a closing with nothing above it is the message itself, not a signature', () => {
    expect(split('Regards', '', 'On Mon, Feb 12, 2024 at 10:15 AM Support <support@example.com> wrote:', '> Registered.').text).to.equal('Regards');
  });

  it('a name and contact lines as the last paragraph are a signature', () => {
    const s = split('Please call me about the refund.', '', 'Jane Doe', 'jane@example.com', '+1 555 346 9947');
    expect(s).to.include({ text: 'Please call me about the refund.', signature: 'Jane Doe\njane@example.com\n+1 555 346 9947' });
  });
});

describe('splitting a reply: posting styles', () => {
  it('bottom-posting: a single answer below the quoted history is the text', () => {
    const s = split('On Mon, Feb 12, 2024 at 10:15 AM Support <support@example.com> wrote:', '> Please send the order number.', '', 'It is 12345.');
    expect(s).to.deep.equal({
      text: 'It is 12345.',
      quote: 'On Mon, Feb 12, 2024 at 10:15 AM Support <support@example.com> wrote:\n> Please send the order number.',
      signature: '',
    });
  });

  it('answers written between quoted passages keep the passages they answer, marked with ">"', () => {
    const s = split('12.02.2024 10:15, Служба поддержки пишет:', '> Укажите номер заказа.', '', '12345', '', '> И дату покупки.', '', '1 февраля.', '', '--', 'Иван');
    expect(s).to.deep.equal({
      text: '> Укажите номер заказа.\n\n12345\n\n> И дату покупки.\n\n1 февраля.',
      quote: '12.02.2024 10:15, Служба поддержки пишет:',
      signature: '--\nИван',
    });
  });

  it('a reply on top of an Outlook-style letter with an unquoted attribution keeps only the top', () => {
    const s = split('This is the 3rd email.', '', 'On Mon, Feb 1, 2016 at 4:58 AM, "Some One" <foo@example.com> wrote:', '', 'This is the 2nd email.');
    expect(s).to.include({ text: 'This is the 3rd email.' });
    expect(s.quote).to.match(/This is the 2nd email\.$/);
  });

  it('a quoted passage with no attribution and an answer below stays in the text as context', () => {
    expect(split('> This is a quote.', '', 'And this is some text.').text).to.equal('> This is a quote.\n\nAnd this is some text.');
  });

  it('a signature written below the quote is still the signature', () => {
    const s = split('Refund please.', '', 'On Mon, Feb 12, 2024 at 10:15 AM Support <support@example.com> wrote:', '> Registered.', '', '-- ', 'Jane Doe');
    expect(s).to.deep.equal({ text: 'Refund please.', quote: 'On Mon, Feb 12, 2024 at 10:15 AM Support <support@example.com> wrote:\n> Registered.', signature: '-- \nJane Doe' });
  });

  it('Windows line endings are read like any others', () => {
    expect(split('Refund please.\r\n\r\nOn Mon, Feb 12, 2024 at 10:15 AM Support <support@example.com> wrote:\r\n> Registered.').text).to.equal('Refund please.');
  });

  it('nothing is lost: text, signature and quote together hold every line of the body', () => {
    const body = ['Refund please.', '', 'С уважением,', 'Иван', '', 'От: A <a@example.ru>', 'Отправлено: вчера', 'Кому: B', '', 'Old letter.'];
    const s = split(...body);
    const all = `${s.text}\n${s.signature}\n${s.quote}`;
    for (const line of body.filter((l) => l !== '')) expect(all).to.include(line);
  });
});

describe('splitting a reply: HTML', () => {
  const reply = '<div>Деньги так и не вернули.</div><div><br></div><div>С уважением,<br>Иван</div>';

  it('Gmail: the gmail_quote block is the quote, converted to text with ">" marks', () => {
    const s = splitHtml(`${reply}<div class="gmail_quote"><div>пн, 12 февр. 2024 г. в 10:15, Поддержка &lt;support@example.ru&gt;:</div><blockquote class="gmail_quote">Зарегистрировано.</blockquote></div>`);
    expect(s).to.deep.equal({
      text: 'Деньги так и не вернули.',
      quote: '> пн, 12 февр. 2024 г. в 10:15, Поддержка <support@example.ru>:\n> > Зарегистрировано.',
      signature: 'С уважением,\nИван',
    });
  });

  it('Apple Mail: <blockquote type="cite"> is the quote', () => {
    const s = splitHtml('<div>Still no refund.</div><div><br><blockquote type="cite"><div>On 12 Feb 2024, at 10:15, Support wrote:</div><div>Registered.</div></blockquote></div>');
    expect(s.text).to.equal('Still no refund.');
    expect(s.quote).to.equal('> On 12 Feb 2024, at 10:15, Support wrote:\n> Registered.');
  });

  it('Thunderbird: the moz-cite-prefix attribution goes with the quote', () => {
    const s = splitHtml('Still no refund.<br><div class="moz-cite-prefix">On 12.02.2024 10:15, Support wrote:<br></div><blockquote type="cite">Registered.</blockquote>');
    expect(s).to.include({ text: 'Still no refund.' });
    expect(s.quote).to.match(/^> On 12\.02\.2024 10:15, Support wrote:/);
  });

  it('Outlook on the web: everything from divRplyFwdMsg on is history', () => {
    const s = splitHtml('<div>Still no refund.</div><hr><div id="divRplyFwdMsg"><b>From:</b> Support<br><b>Sent:</b> Monday<br><b>To:</b> Jane<br><b>Subject:</b> RE: Complaint</div><div>Registered.</div>');
    expect(s.text).to.equal('Still no refund.');
    expect(s.quote).to.match(/^From: Support[\s\S]*Registered\.$/);
  });

  it('Outlook desktop: the border-top divider counts only because quoted headers follow it', () => {
    const divider = '<div style="border:none;border-top:solid #B5C4DF 1.0pt">';
    const s = splitHtml(`<p>Деньги так и не вернули.</p>${divider}<p><b>От:</b> Поддержка<br><b>Отправлено:</b> 12 февраля 2024 г.<br><b>Кому:</b> Иван</p></div><p>Зарегистрировано.</p>`);
    expect(s.text).to.equal('Деньги так и не вернули.');
    const styled = splitHtml(`<p>Деньги так и не вернули.</p>${divider}<p>P.S. Чек прилагаю.</p></div>`);
    expect(styled).to.include({ text: 'Деньги так и не вернули.\n\nP.S. Чек прилагаю.', quote: '' });
  });

  it('a reply answered between blockquotes keeps the answers and the passages they answer', () => {
    const s = splitHtml('<blockquote>Укажите номер заказа.</blockquote><div>12345</div><blockquote>И дату покупки.</blockquote><div>1 февраля.</div>');
    expect(s.text).to.equal('> Укажите номер заказа.\n12345\n> И дату покупки.\n1 февраля.');
  });

  it('Gmail: the gmail_signature block is the signature', () => {
    const s = splitHtml('<div>Refund please.</div><div class="gmail_signature">Jane Doe<br>ACME Ltd</div><div class="gmail_quote">On Mon, Support wrote:<blockquote>Registered.</blockquote></div>');
    expect(s).to.include({ text: 'Refund please.', signature: 'Jane Doe\nACME Ltd' });
  });

  it('Hotmail and Zimbra: an <hr> followed by quoted headers starts the history', () => {
    const s = splitHtml('<div>Refund please.<hr id="stopSpelling">Date: Mon, 12 Feb 2024<br>Subject: Complaint<br>From: support@example.com<br>To: jane@example.com<br><br>Registered.</div>');
    expect(s.text).to.equal('Refund please.');
    expect(s.quote).to.match(/^Date: Mon, 12 Feb 2024[\s\S]*Registered\.$/);
  });

  it('the text part is used when the HTML has no quoting markup', () => {
    const s = splitHtml('<p>Refund <b>please</b>.</p>', 'Refund *please*.');
    expect(s.text).to.equal('Refund *please*.');
  });
});

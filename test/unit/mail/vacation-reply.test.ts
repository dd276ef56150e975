import { expect } from 'chai';
import type { ParsedMessage } from '../../../src/mail/parsed-message';
import { autoReplyReason } from '../../../src/mail/vacation-reply';

function message(subject: string, headers: Record<string, string> = {}, text = 'Текст письма.'): ParsedMessage {
  return {
    messageId: 'm1@example.test',
    contentHash: '0'.repeat(64),
    from: { address: 'anna@example.test', name: 'Anna' },
    replyTo: null,
    to: [{ address: 'complaints@org.example.test', name: '' }],
    cc: [],
    subject,
    inReplyTo: [],
    references: [],
    date: null,
    text,
    html: null,
    charsets: [], repairs: [],
    headers: Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, [value]])),
    attachments: [],
    language: 'ru',
  };
}

describe("recognising an autoresponder's reply", () => {
  it('Auto-Submitted: auto-replied, X-Autoreply and an Apple vacation header say so', () => {
    expect(autoReplyReason(message('Re: case', { 'auto-submitted': 'auto-replied' }))).to.equal('Auto-Submitted: auto-replied');
    expect(autoReplyReason(message('Re: case', { 'x-autoreply': 'yes' }))).to.equal('X-Autoreply: yes');
    expect(autoReplyReason(message('Re: case', { 'x-apple-action': 'VACATION' }))).to.equal('X-Apple-Action: VACATION');
  });

  it('out-of-office subjects in Russian and English say so', () => {
    for (const subject of ['Автоответ: Жалоба', 'Автоматический ответ: RE: обращение', 'Automatic reply: complaint', 'Out of Office: case 12', '[Auto] Away until 5 May']) {
      expect(autoReplyReason(message(subject)), subject).to.match(/^out-of-office subject/);
    }
  });

  it("a ticket system's acknowledgement counts only with a header that says a machine wrote it", () => {
    expect(autoReplyReason(message('Ваше обращение зарегистрировано', { precedence: 'bulk' }))).to.match(/^acknowledgement from a ticket system/);
    expect(autoReplyReason(message('Ваше обращение зарегистрировано'))).to.equal(null);
  });

  it('auto-generated notifications and people who mention auto-replies are not autoresponders', () => {
    expect(autoReplyReason(message('Your invoice', { 'auto-submitted': 'auto-generated' }))).to.equal(null);
    expect(autoReplyReason(message('Re: my automatic reply is broken'))).to.equal(null);
  });
});

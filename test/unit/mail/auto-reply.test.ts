import { expect } from 'chai';
import { detectAutomated } from '../../../src/mail/auto-reply';
import type { ParsedMessage } from '../../../src/mail/parsed-message';
import { parseFixture } from './fixtures';

/** A person's plain message from anna@example.test with the given extra headers. */
function messageWith(headers: Record<string, string>, from = 'anna@example.test'): ParsedMessage {
  return {
    messageId: 'm1@example.test',
    contentHash: '0'.repeat(64),
    from: { address: from, name: 'Anna' },
    replyTo: null,
    to: [{ address: 'complaints@org.example.test', name: '' }],
    cc: [],
    subject: 'Жалоба',
    inReplyTo: [],
    references: [],
    date: null,
    text: 'Прошу разобраться.',
    html: null,
    charsets: [], repairs: [],
    headers: Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, [value]])),
    attachments: [],
    language: 'ru',
  };
}

describe('detecting automated mail', () => {
  describe('real machine-written messages', () => {
    const cases: Array<[string, string]> = [
      ['sisimai-set-of-emails__bsd__rfc3834-01.eml', 'Auto-Submitted: auto-replied'],
      ['sisimai-set-of-emails__bsd__rfc3834-02.eml', 'X-Auto-Response-Suppress: All'],
      ['sisimai-set-of-emails__bsd__rfc3834-03.eml', 'X-Apple-Action: VACATION'],
      ['sisimai-set-of-emails__bsd__rfc3834-04.eml', 'X-Auto-Response-Suppress: All'],
      ['sisimai-set-of-emails__bsd__rfc3834-05.eml', 'Auto-Submitted: auto-replied'],
      ['sisimai-set-of-emails__bsd__rfc3834-06.eml', 'Auto-Submitted: auto-replied'],
    ];
    for (const [name, reason] of cases) {
      it(`an RFC 3834 vacation reply is automated (${name.replace(/.*__/, '')}: ${reason})`, async () => {
        expect(detectAutomated(await parseFixture(name))).to.deep.equal({ automated: true, reason });
      });
    }

    it('a delivery-status bounce is automated', async () => {
      for (const name of ['sisimai-set-of-emails__bsd__rfc3464-01.eml', 'nodemailer-mailparser__fixtures__delivery-status.eml']) {
        expect(detectAutomated(await parseFixture(name))).to.deep.equal({ automated: true, reason: 'delivery status report (bounce)' });
      }
    });

    it('a bounce that is not a multipart/report is known by its mailer-daemon sender', async () => {
      const verdict = detectAutomated(await parseFixture('sisimai-set-of-emails__bsd__lhost-x2-04.eml'));
      expect(verdict).to.deep.equal({ automated: true, reason: 'sender is mailer-daemon' });
    });

    it('an ARF abuse report is automated', async () => {
      const verdict = detectAutomated(await parseFixture('sisimai-set-of-emails__bsd__arf-01.eml'));
      expect(verdict).to.deep.equal({ automated: true, reason: 'abuse feedback report (ARF)' });
    });

    it('a read receipt is automated', async () => {
      const verdict = detectAutomated(await parseFixture('mimekit__messages__disposition-notification.eml'));
      expect(verdict).to.deep.equal({ automated: true, reason: 'read receipt (disposition notification)' });
    });

    it("a person's complaint is not automated", async () => {
      for (const name of ['synthetic__cp1251-complaint.eml', 'synthetic__koi8r-complaint.eml', 'mikel-mail__emails__plain_emails__raw_email_reply.eml']) {
        expect(detectAutomated(await parseFixture(name)), name).to.deep.equal({ automated: false, reason: null });
      }
    });
  });

  describe('each signal', () => {
    it('a plain message from a person is not automated', () => {
      expect(detectAutomated(messageWith({}))).to.deep.equal({ automated: false, reason: null });
    });

    it('Auto-Submitted other than "no" is automated, "no" is a person', () => {
      expect(detectAutomated(messageWith({ 'auto-submitted': 'auto-generated' })).reason).to.equal('Auto-Submitted: auto-generated');
      expect(detectAutomated(messageWith({ 'auto-submitted': 'no' })).automated).to.equal(false);
    });

    it('Precedence bulk, junk and list are automated, other precedences are not', () => {
      for (const value of ['bulk', 'junk', 'list']) {
        expect(detectAutomated(messageWith({ precedence: value })).reason).to.equal(`Precedence: ${value}`);
      }
      expect(detectAutomated(messageWith({ precedence: 'first-class' })).automated).to.equal(false);
    });

    it('X-Autoreply and X-Autorespond are automated', () => {
      expect(detectAutomated(messageWith({ 'x-autoreply': 'yes' })).reason).to.equal('X-Autoreply: yes');
      expect(detectAutomated(messageWith({ 'x-autorespond': 'on vacation' })).reason).to.equal('X-Autorespond: on vacation');
    });

    it('X-Auto-Response-Suppress with All or OOF is automated, with only DR or RN it is not', () => {
      expect(detectAutomated(messageWith({ 'x-auto-response-suppress': 'OOF, AutoReply' })).reason).to.equal('X-Auto-Response-Suppress: OOF, AutoReply');
      expect(detectAutomated(messageWith({ 'x-auto-response-suppress': 'DR, RN, NRN' })).automated).to.equal(false);
    });

    it('mail with List-Id or List-Unsubscribe is list mail', () => {
      expect(detectAutomated(messageWith({ 'list-id': '<news.example.test>' })).reason).to.equal('mailing list (List-Id)');
      expect(detectAutomated(messageWith({ 'list-unsubscribe': '<mailto:u@example.test>' })).reason).to.equal('mailing list (List-Unsubscribe)');
    });

    it('mail from mailer-daemon, postmaster or a no-reply mailbox is automated', () => {
      expect(detectAutomated(messageWith({}, 'mailer-daemon@mx.example.test')).reason).to.equal('sender is mailer-daemon');
      expect(detectAutomated(messageWith({}, 'postmaster@mx.example.test')).reason).to.equal('sender is postmaster');
      for (const local of ['noreply', 'no-reply', 'no_reply', 'do-not-reply', 'donotreply', 'shop.noreply']) {
        expect(detectAutomated(messageWith({}, `${local}@shop.example.test`)).reason, local).to.equal('no-reply sender');
      }
      expect(detectAutomated(messageWith({}, 'nora@example.test')).automated).to.equal(false);
    });

    it('an empty Return-Path header is automated, a real one is not', () => {
      expect(detectAutomated(messageWith({ 'return-path': '<>' })).reason).to.equal('empty Return-Path (<>)');
      expect(detectAutomated(messageWith({ 'return-path': '<anna@example.test>' })).automated).to.equal(false);
    });

    it('the envelope return path counts only when the message has no Return-Path header', () => {
      expect(detectAutomated(messageWith({}), { returnPath: '' }).reason).to.equal('empty Return-Path (<>)');
      expect(detectAutomated(messageWith({ 'return-path': '<anna@example.test>' }), { returnPath: '' }).automated).to.equal(false);
    });

    it('any other multipart/report is automated and says so', () => {
      const verdict = detectAutomated(messageWith({ 'content-type': 'multipart/report; report-type=x-custom; boundary=b' }));
      expect(verdict.reason).to.equal('machine-generated report (multipart/report)');
    });
  });
});

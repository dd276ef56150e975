import { expect } from 'chai';
import { classifyAutomatedMail, type AutomatedKind } from '../../../src/mail/bounce';
import { parseMessage } from '../../../src/mail/parse';
import { LIMITS, bounceFixture, fixture, parseFixture } from './fixtures';

async function classifyFixture(name: string): Promise<AutomatedKind> {
  const { raw, parsed } = await bounceFixture(`sisimai-set-of-emails__${name}.eml`);
  return classifyAutomatedMail(parsed, raw);
}

async function classifyRaw(lines: string[]): Promise<AutomatedKind> {
  const raw = Buffer.from(lines.join('\r\n'));
  return classifyAutomatedMail(await parseMessage(raw, LIMITS), raw);
}

function bounceOf(result: AutomatedKind): Extract<AutomatedKind, { kind: 'bounce' }> {
  if (result.kind !== 'bounce') throw new Error(`expected a bounce, got ${JSON.stringify(result)}`);
  return result;
}

describe('classifying automated mail', () => {
  describe('standard delivery status notifications (RFC 3464)', () => {
    it('the failed address is the one we sent to (Original-Recipient), with status, remote reply and reporting MTA', async () => {
      const bounce = bounceOf(await classifyFixture('bsd__lhost-yandex-01'));
      expect(bounce.format).to.equal('rfc3464');
      expect(bounce.recipients).to.deep.equal([
        { address: 'kijitora@example.jp', status: '5.1.1', action: 'failed', hard: true, reason: 'no_such_user', diagnostic: '550 5.1.1 <kijitora@example.jp>... User Unknown' },
      ]);
      expect(bounce.reportingMta).to.equal('forward1h.mail.yandex.net');
      expect(bounce.originalMessageId).to.equal('446281417885946@web20h.yandex.ru');
      expect(bounce.originalEnvelopeTo).to.deep.equal(['kijitora@example.jp']);
    });

    it('an alias that failed at its target is reported under the address we sent to', async () => {
      const bounce = bounceOf(await classifyFixture('bsd__lhost-postfix-01'));
      expect(bounce.recipients.map((r) => r.address)).to.deep.equal(['kijitora@example.org']);
    });

    it('a report where every recipient is only delayed is not a bounce yet', async () => {
      expect(await classifyFixture('bsd__rfc3464-09')).to.deep.equal({ kind: 'other_automated', reason: 'delivery delayed, still being retried (1 recipient)' });
    });

    it('a report where nothing failed is not a bounce', async () => {
      expect(await classifyFixture('bsd__rfc3464-28')).to.deep.equal({ kind: 'other_automated', reason: 'delivery report without failures' });
    });

    it('a delivery report forwarded inside a returned message/rfc822 is read from the inner report', async () => {
      expect(bounceOf(await classifyFixture('bsd__lhost-x5-01')).recipients.map((r) => r.address)).to.deep.equal(['kijitora@neko.example.org']);
    });
  });

  describe('bounces written in words', () => {
    it('Exim: the indented address, the remote reply under it and the Message-ID of the copy below', async () => {
      const bounce = bounceOf(await classifyFixture('bsd__lhost-exim-01'));
      expect(bounce.format).to.equal('exim');
      expect(bounce.recipients[0]).to.include({ address: 'kijitora@example.ed.jp', status: '5.7.0', hard: false });
      expect(bounce.recipients[0]?.diagnostic).to.equal("550 5.7.0 <shironeko@example.jp>... Please use the smtp server of your ISP.");
      expect(bounce.originalMessageId).to.equal('E1P1ce6-000Egt-GZ@e1.example.org');
    });

    it('Mail.Ru in Russian: each failed address once, a full mailbox soft and an unknown user hard', async () => {
      const bounce = bounceOf(await classifyFixture('bsd__lhost-mailru-03'));
      expect(bounce.format).to.equal('mailru');
      expect(bounce.recipients.map((r) => [r.address, r.status, r.hard])).to.deep.equal([
        ['mikeneko@example.jp', '5.2.2', false],
        ['sabineko@example.jp', '5.2.1', true],
      ]);
    });

    it('qmail: "<address>:" and the reply, the reporting host named in the greeting', async () => {
      const bounce = bounceOf(await classifyFixture('bsd__lhost-qmail-01'));
      expect(bounce).to.include({ format: 'qmail', reportingMta: 'mx4.example.jp', originalMessageId: '000000000.9999999999999.JavaMail.postmaster@mailhub' });
      expect(bounce.recipients[0]).to.include({ address: 'kijitora@example.ne.jp', hard: true, reason: 'no_such_user' });
    });

    it('qmail that gave up on a temporary reply is a failure, not a delay', async () => {
      const bounce = bounceOf(await classifyFixture('bsd__lhost-qmail-19'));
      expect(bounce.recipients[0]).to.include({ address: 'pseudo-local-part-of-yahoo-inc@yahoo.com', action: 'failed', hard: false });
    });

    it('Gmail: the address under "failed permanently" and the reply the other server returned', async () => {
      const bounce = bounceOf(await classifyFixture('bsd__lhost-gmail-01'));
      expect(bounce.format).to.equal('gmail');
      expect(bounce.recipients[0]).to.include({ address: 'userunknown@example.jp', diagnostic: '550 5.1.1 <userunknown@example.jp>... User Unknown' });
    });

    it('Postfix without a delivery-status part', async () => {
      const bounce = bounceOf(await classifyFixture('bsd__lhost-postfix-07'));
      expect(bounce).to.include({ format: 'postfix-text', reportingMta: 'smtp.mirror.example.ne.jp' });
      expect(bounce.recipients[0]).to.include({ address: 'kijitora@user.example.or.jp', diagnostic: '550 <kijitora@user.example.or.jp>: User unknown' });
    });

    it('Exchange 2003: the recipient "not recognized" is an unknown user', async () => {
      const bounce = bounceOf(await classifyFixture('bsd__lhost-exchange2003-01'));
      expect(bounce.format).to.equal('exchange');
      expect(bounce.recipients[0]).to.include({ address: 'kijitora@example.jp', reason: 'no_such_user', hard: true });
    });

    it('Sendmail-style lists, DragonFly and Lotus Notes', async () => {
      expect(bounceOf(await classifyFixture('bsd__lhost-x1-01')).format).to.equal('sendmail');
      expect(bounceOf(await classifyFixture('bsd__lhost-dragonfly-12')).recipients[0]).to.include({ address: 'mailboxfull@libsisimai.net', reason: 'mailbox_full' });
      expect(bounceOf(await classifyFixture('bsd__lhost-notes-01')).format).to.equal('notes');
    });

    it('an Exim delay warning is not a bounce', async () => {
      expect(await classifyFixture('bsd__lhost-exim-38')).to.deep.equal({ kind: 'other_automated', reason: 'delivery delayed, still being retried (1 recipient)' });
    });

    it('a report in words that names no address returns the letter under its only recipient', async () => {
      expect(bounceOf(await classifyFixture('bsd__lhost-v5sendmail-01')).recipients.map((r) => r.address)).to.deep.equal(['kijitora@example.com']);
    });
  });

  describe('other machines and people', () => {
    it('an Amazon SES bounce notification is a bounce; a delivery notification is not', async () => {
      const bounce = bounceOf(await classifyFixture('bsd__lhost-amazonses-09'));
      expect(bounce).to.include({ format: 'amazonses', reportingMta: 'a27-23.smtp-out.us-west-2.amazonses.com' });
      expect(bounce.recipients[0]).to.include({ address: 'bounce@simulator.amazonses.com', hard: true });
      expect(await classifyFixture('bsd__lhost-amazonses-12')).to.deep.equal({ kind: 'other_automated', reason: 'delivery report (Amazon SES notification)' });
    });

    it('vacation replies are auto-replies', async () => {
      for (const n of [1, 2, 3, 4, 5, 6]) expect((await classifyFixture(`bsd__rfc3834-0${n}`)).kind, `rfc3834-0${n}`).to.equal('auto_reply');
    });

    it('abuse reports, read receipts and unsubscribe requests are other automated mail', async () => {
      expect(await classifyFixture('bsd__arf-01')).to.deep.equal({ kind: 'other_automated', reason: 'abuse feedback report (ARF)' });
      expect(await classifyFixture('bsd__arf-26')).to.deep.equal({ kind: 'other_automated', reason: 'unsubscribe request sent by a mail client' });
      const receipt = 'mimekit__messages__disposition-notification.eml';
      expect(classifyAutomatedMail(await parseFixture(receipt), fixture(receipt))).to.deep.equal({ kind: 'other_automated', reason: 'read receipt (disposition notification)' });
    });

    it("a person forwarding a bounce is a person's letter, so a complaint about it reaches staff", async () => {
      expect(await classifyFixture('bsd__lhost-sendmail-14')).to.deep.equal({ kind: 'none' });
    });

    it('a complaint that says a letter was not delivered is a complaint', async () => {
      const result = await classifyRaw([
        'From: Анна <anna@example.test>',
        'To: complaints@org.example.test',
        'Subject: =?UTF-8?B?0J/QuNGB0YzQvNC+INC90LUg0LTQvtGB0YLQsNCy0LvQtdC90L4=?=',
        'Content-Type: text/plain; charset=utf-8',
        'Content-Transfer-Encoding: 8bit',
        '',
        'Ваше письмо не может быть доставлено, пишет мне почта. Delivery has failed to these recipients or groups!',
        'Прошу разобраться.',
      ]);
      expect(result).to.deep.equal({ kind: 'none' });
    });

    it('a bounce-like notice from a shop robot is other automated mail, not a bounce', async () => {
      const result = await classifyRaw(['From: Shop <noreply@shop.example.test>', 'To: complaints@org.example.test', 'Subject: Your parcel', '', 'Your parcel could not be delivered to anna@example.test today.']);
      expect(result).to.deep.equal({ kind: 'other_automated', reason: 'no-reply sender' });
    });

    it('a bounce notification in its own words, signed by postmaster, with the reason above the address', async () => {
      const bounce = bounceOf(await classifyFixture('not__rb-issue-368-bug'));
      expect(bounce.recipients).to.deep.equal([{ address: 'xxxx@yyyyyy.net', status: null, action: 'failed', hard: false, reason: 'mailbox_full', diagnostic: 'reject reason: Mailbox full' }]);
      expect(bounce.originalMessageId).to.equal('68e0b7e3615cd_1dc7010592ed@7cf4d87f87-9r5w2.mail');
    });
  });
});

// Proves the loopback mail stack behaves the way the daemon's integration and e2e tests assume: mail
// for known users is delivered, nothing else is accepted, and tests can seed and empty mailboxes.
import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import {
  appendRaw,
  ensureMailstack,
  freshUser,
  listMessages,
  resetMailboxes,
  sendMail,
  waitFor,
} from '../support/mailstack';

interface SmtpError extends Error {
  responseCode?: number;
  command?: string;
}

async function rejectionOf(promise: Promise<unknown>): Promise<SmtpError> {
  try {
    await promise;
  } catch (err) {
    return err as SmtpError;
  }
  throw new Error('expected the submission to be rejected, but it was accepted');
}

function rawLetter(headers: Record<string, string>, body: string): Buffer {
  const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}`);
  return Buffer.from(`${lines.join('\r\n')}\r\n\r\n${body}\r\n`);
}

describe('the loopback mail stack', function () {
  before(async function () {
    // The first start on a bare machine installs Dovecot and Postfix.
    this.timeout(300000);
    await ensureMailstack();
  });

  it('delivers a letter sent over SMTP to client1 into client1 INBOX', async function () {
    const subject = `Broken heater ${randomUUID()}`;
    const sent = await sendMail('client2', 'client1', { subject, text: 'The heater in room 4 is broken.' });
    expect(sent.accepted).to.deep.equal(['client1@example.test']);

    const arrived = await waitFor(
      async () => (await listMessages('client1', 'INBOX')).find((message) => message.subject === subject),
      { what: `"${subject}" in client1's INBOX` },
    );
    expect(arrived.messageId).to.equal(sent.messageId);
    expect(arrived.source.toString('utf8')).to.contain('The heater in room 4 is broken.');
  });

  it('rejects mail to an unknown user at example.test at RCPT time', async function () {
    const err = await rejectionOf(sendMail('client1', 'nobody@example.test', { subject: 'hello', text: 'hi' }));
    expect(err.command).to.equal('RCPT TO');
    expect(err.responseCode).to.equal(550);
  });

  it('rejects mail to another domain, so nothing can leave the machine', async function () {
    const err = await rejectionOf(sendMail('client1', 'someone@example.com', { subject: 'hello', text: 'hi' }));
    expect(err.command).to.equal('RCPT TO');
    expect(err.responseCode).to.equal(554);
  });

  it('empties every mailbox on reset, including mail sent just before it', async function () {
    const user = await freshUser();
    await appendRaw(user, 'Processed', rawLetter({ Subject: 'old', 'Message-ID': `<${randomUUID()}@example.test>` }, 'old'));
    await sendMail('client1', user, { subject: 'in flight', text: 'sent just before the reset' });

    await resetMailboxes();

    expect(await listMessages(user, 'Processed')).to.be.empty;
    expect(await listMessages(user, 'INBOX')).to.be.empty;
  });

  it('lists an APPENDed message with its identity and threading headers', async function () {
    const user = await freshUser();
    const messageId = `<${randomUUID()}@example.test>`;
    const raw = rawLetter(
      {
        From: 'client3@example.test',
        To: 'complaints@example.test',
        Subject: 'Re: [Case 2024-0001] Noise at night',
        'Message-ID': messageId,
        'In-Reply-To': '<second@example.test>',
        References: '<first@example.test>\r\n <second@example.test>',
      },
      'Still noisy.',
    );

    const uid = await appendRaw(user, 'Quarantine', raw);
    const [listed, ...rest] = await listMessages(user, 'Quarantine');

    expect(rest).to.be.empty;
    expect(listed).to.include({ uid, subject: 'Re: [Case 2024-0001] Noise at night', messageId });
    expect(listed?.inReplyTo).to.equal('<second@example.test>');
    expect(listed?.references).to.deep.equal(['<first@example.test>', '<second@example.test>']);
    expect(listed?.source.equals(raw)).to.equal(true);
  });

  it('creates INBOX, Processed, Quarantine and Sent for every user', async function () {
    const user = await freshUser();
    for (const mailbox of ['INBOX', 'Processed', 'Quarantine', 'Sent']) {
      expect(await listMessages(user, mailbox), mailbox).to.be.an('array');
    }
  });
});

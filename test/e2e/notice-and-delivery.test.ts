import { expect } from 'chai';
import { ensureMailstack, resetMailboxes, sendMail, listMessages, waitFor } from '../support/mailstack';
import { testInstance, startDaemon, type TestInstance } from '../support/daemon-harness';
import type { Runtime } from '../../src/main';

const hasLogged = (logs: string[], event: string): boolean => logs.some((l) => l.includes(`"event":"${event}"`));

describe('how the daemon notices mail and delivers letters', function () {
  this.timeout(90_000);
  let daemon: (Runtime & { logs: string[] }) | null = null;
  let instance: TestInstance | null = null;

  before(async () => ensureMailstack());
  beforeEach(async () => resetMailboxes());
  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && daemon) process.stderr.write(daemon.logs.slice(-40).join(''));
    await daemon?.close();
    daemon = null;
    instance?.remove();
    instance = null;
  });

  it('with the poll ten minutes away, IDLE alone brings new mail in', async () => {
    instance = testInstance();
    instance.config.imap.pollIntervalMs = 600_000;
    daemon = await startDaemon(instance);
    await waitFor(async () => hasLogged(daemon!.logs, 'intake.connected'), { timeoutMs: 10_000, what: 'the connection' });
    expect(daemon.logs.find((l) => l.includes('"event":"intake.connected"'))).to.contain('"idle":true');
    await sendMail('client1', 'complaints@example.test', { subject: 'Через IDLE', text: 'Верните деньги.' });
    await waitFor(async () => ((await listMessages('client1', 'INBOX')).length === 1 ? true : null), { timeoutMs: 30_000, what: 'the acknowledgement, noticed by IDLE' });
  });

  it('with IDLE turned off, polling brings new mail in', async () => {
    instance = testInstance();
    instance.config.imap.idle = false;
    instance.config.imap.pollIntervalMs = 500;
    daemon = await startDaemon(instance);
    await waitFor(async () => hasLogged(daemon!.logs, 'intake.connected'), { timeoutMs: 10_000, what: 'the connection' });
    expect(daemon.logs.find((l) => l.includes('"event":"intake.connected"'))).to.contain('"idle":false');
    await sendMail('client2', 'complaints@example.test', { subject: 'Опросом', text: 'Верните деньги.' });
    await waitFor(async () => ((await listMessages('client2', 'INBOX')).length === 1 ? true : null), { timeoutMs: 30_000, what: 'the acknowledgement, found by polling' });
  });

  it('an acknowledgement the server refuses for good is marked failed on the case with the server\'s reply', async () => {
    instance = testInstance();
    daemon = await startDaemon(instance);
    // Postfix accepts mail from a sender that has no mailbox here, but refuses mail to it (550).
    await sendMail('ghost@example.test', 'complaints@example.test', { subject: 'Призрак', text: 'Верните деньги.' });
    const failed = await waitFor(async () => (await daemon!.db('outbox').where({ kind: 'acknowledgement', status: 'failed' }).first()) as { last_error: string } | undefined, {
      timeoutMs: 30_000,
      what: 'the refused acknowledgement marked failed',
    });
    // The server's reply once: "550 5.1.1 ...", not "550 550 5.1.1 ...".
    expect(failed.last_error).to.match(/^permanent failure: 550 5\.\d+\.\d+ /);
    const entry = (await daemon.db('history').where({ event: 'acknowledgement_failed' }).first()) as { reason: string } | undefined;
    expect(entry?.reason).to.match(/550/);
    await waitFor(async () => ((await listMessages('staff1', 'INBOX')).length === 1 ? true : null), { timeoutMs: 20_000, what: 'the staff announcement, still delivered' });
  });
});

import { expect } from 'chai';
import type { Knex } from 'knex';
import { ensureMailstack, stopMailstack, resetMailboxes, sendMail, appendRaw, listMessages, waitFor, withImap } from '../support/mailstack';
import { testInstance, startDaemon, type TestInstance } from '../support/daemon-harness';
import { rawMail, uniqueId } from '../support/raw-mail';
import type { Runtime } from '../../src/main';

async function statuses(db: Knex): Promise<string[]> {
  return ((await db('inbound').orderBy('id').select('status')) as Array<{ status: string }>).map((r) => r.status);
}

const hasLogged = (logs: string[], event: string): boolean => logs.some((l) => l.includes(`"event":"${event}"`));

describe('intake when the mailbox misbehaves', function () {
  this.timeout(120_000);
  let instance: TestInstance | null = null;
  let daemon: (Runtime & { logs: string[] }) | null = null;

  before(async () => ensureMailstack());
  beforeEach(async () => resetMailboxes());
  afterEach(async function () {
    await ensureMailstack();
    if (this.currentTest?.state === 'failed' && daemon) process.stderr.write(daemon.logs.slice(-40).join(''));
    await daemon?.close();
    daemon = null;
    instance?.remove();
    instance = null;
  });

  it('the daemon reconnects after the mail servers restart and registers what arrives next', async () => {
    instance = testInstance();
    daemon = await startDaemon(instance);
    await waitFor(async () => hasLogged(daemon!.logs, 'intake.connected'), { timeoutMs: 10_000, what: 'the first connection' });
    await stopMailstack();
    await waitFor(async () => hasLogged(daemon!.logs, 'intake.reconnect_scheduled'), { timeoutMs: 20_000, what: 'the dropped connection noticed' });
    await ensureMailstack();
    await sendMail('client1', 'complaints@example.test', { subject: 'После перезапуска', text: 'Верните деньги.' });
    await waitFor(async () => ((await listMessages('client1', 'INBOX')).length === 1 ? true : null), { timeoutMs: 60_000, what: 'the acknowledgement after reconnecting' });
    expect(daemon.logs.filter((l) => l.includes('"event":"intake.connected"')).length).to.be.at.least(2);
  });

  it('after a UIDVALIDITY change old mail is not answered again and new mail is', async () => {
    instance = testInstance();
    instance.config.imap.mailbox = 'Intake';
    await withImap('complaints', async (c) => {
      if (!(await c.list()).some((m) => m.path === 'Intake')) await c.mailboxCreate('Intake');
    });
    const old = rawMail({ from: 'client2@example.test', messageId: uniqueId('old'), subject: 'Старая' });
    await appendRaw('complaints', 'Intake', old);
    daemon = await startDaemon(instance);
    await waitFor(async () => ((await listMessages('client2', 'INBOX')).length === 1 ? true : null), { timeoutMs: 30_000, what: 'the first acknowledgement' });
    await daemon.close();
    const before = await withImap('complaints', async (c) => (await c.status('Intake', { uidValidity: true })) || null);

    // Recreating the folder gives it a new UIDVALIDITY: every UID the daemon knew is void.
    await withImap('complaints', async (c) => {
      await c.mailboxDelete('Intake');
      await c.mailboxCreate('Intake');
    });
    const after = await withImap('complaints', async (c) => (await c.status('Intake', { uidValidity: true })) || null);
    expect(String(after?.uidValidity)).to.not.equal(String(before?.uidValidity));
    await appendRaw('complaints', 'Intake', old);
    await appendRaw('complaints', 'Intake', rawMail({ from: 'client2@example.test', messageId: uniqueId('new'), subject: 'Новая' }));

    daemon = await startDaemon(instance);
    await waitFor(async () => {
      const s = await statuses(daemon!.db);
      return s.length === 3 && !s.includes('pending') ? true : null;
    }, { timeoutMs: 30_000, what: 'both messages processed after the change' });
    expect(await statuses(daemon.db)).to.deep.equal(['registered', 'duplicate', 'registered']);
    await waitFor(async () => ((await listMessages('client2', 'INBOX')).length === 2 ? true : null), { timeoutMs: 30_000, what: 'one new acknowledgement' });
    expect(hasLogged(daemon.logs, 'intake.uidvalidity_changed')).to.equal(true);
    await waitFor(async () => ((await listMessages('complaints', 'Intake')).length === 0 ? true : null), { timeoutMs: 20_000, what: 'the folder emptied' });
  });
});

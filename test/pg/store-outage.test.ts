// The whole daemon while its PostgreSQL is stopped and started again: it takes no mail meanwhile
// (the watermark never moves without the ledger write), keeps nothing half done, and carries on by
// itself when the server is back, without duplicates and without quarantining anything.
import { expect } from 'chai';
import type { Knex } from 'knex';
import { ensureMailstack, resetMailboxes, sendMail, listMessages, waitFor } from '../support/mailstack';
import { testInstance, startDaemon, type TestInstance } from '../support/daemon-harness';
import { runPgstack } from '../support/pgstack';
import { testBackend } from '../support/test-store';
import type { Runtime } from '../../src/main';

const logged = (logs: string[], event: string, after = 0): boolean => logs.slice(after).some((l) => l.includes(`"event":"${event}"`));

async function inbound(db: Knex): Promise<Array<{ status: string; attempts: number }>> {
  return (await db('inbound').whereNot({ status: 'own_copy' }).orderBy('id').select('status', 'attempts')) as Array<{ status: string; attempts: number }>;
}

describe('the daemon while PostgreSQL is stopped and started again', function () {
  this.timeout(180_000);
  let instance: TestInstance;
  let daemon: (Runtime & { logs: string[] }) | null = null;

  before(async () => {
    if (testBackend() !== 'pg') throw new Error('test/pg needs COMPLAINTD_TEST_STORE=pg (scripts/test sets it)');
    await ensureMailstack();
  });
  beforeEach(async () => {
    await resetMailboxes();
    instance = testInstance();
  });
  afterEach(async function () {
    await runPgstack('start');
    if (this.currentTest?.state === 'failed' && daemon) process.stderr.write(daemon.logs.slice(-60).join(''));
    await daemon?.close();
    daemon = null;
    instance.remove();
  });

  it('mail sent while the database is down is registered once, and answered, after it comes back', async () => {
    daemon = await startDaemon(instance);
    await sendMail('client1', 'complaints@example.test', { subject: 'До остановки', text: 'Верните деньги за заказ 1.' });
    await waitFor(async () => ((await listMessages('client1', 'INBOX')).length === 1 ? true : null), { timeoutMs: 30_000, what: 'the first acknowledgement' });

    const mark = daemon.logs.length;
    await runPgstack('stop');
    await sendMail('client2', 'complaints@example.test', { subject: 'Во время остановки', text: 'Верните деньги за заказ 2.' });
    await sendMail('client3', 'complaints@example.test', { subject: 'Во время остановки 2', text: 'Верните деньги за заказ 3.' });
    // Intake sees the new mail, cannot write it to the ledger, and backs off; it is still on the server.
    await waitFor(async () => (logged(daemon!.logs, 'intake.connection_failed', mark) ? true : null), { timeoutMs: 30_000, what: 'intake failing on the stopped database' });
    expect(await listMessages('client2', 'INBOX')).to.have.length(0);
    expect((await listMessages('complaints', 'INBOX')).map((m) => m.subject)).to.include.members(['Во время остановки', 'Во время остановки 2']);

    await runPgstack('start');
    for (const client of ['client2', 'client3']) {
      await waitFor(async () => ((await listMessages(client, 'INBOX')).length === 1 ? true : null), { timeoutMs: 60_000, what: `the acknowledgement to ${client} after the database came back` });
    }
    const db = daemon.db;
    // The journal copies of the letters come in as ledger rows too: once every letter is confirmed by
    // its copy and nothing is pending, only the complaints are left to look at.
    const settled = async (): Promise<boolean> => (await db('outbox').whereNull('confirmed_at').first('id')) === undefined && (await db('inbound').where({ status: 'pending' }).first('id')) === undefined;
    await waitFor(async () => ((await settled()) ? true : null), { timeoutMs: 30_000, what: 'every letter confirmed by its journal copy' });
    expect(await db('cases').orderBy('id').pluck('number')).to.deep.equal([1, 2, 3].map((n) => `CMP-${new Date().getFullYear()}-${String(n).padStart(6, '0')}`));
    expect(await inbound(db)).to.deep.equal([1, 2, 3].map(() => ({ status: 'registered', attempts: 0 })));
    await waitFor(async () => ((await listMessages('complaints', 'Processed')).length === 3 ? true : null), { timeoutMs: 30_000, what: 'all three complaints moved to Processed' });
  });
});

import { expect } from 'chai';
import type { Knex } from 'knex';
import { ensureMailstack, resetMailboxes, sendMail, listMessages, waitFor, withImap } from '../support/mailstack';
import { testInstance, startDaemon, removeInstances } from '../support/daemon-harness';
import { instanceOwner, type Runtime } from '../../src/main';
import { openStore } from '../../src/store/db';

async function letters(db: Knex): Promise<Array<{ id: number; kind: string; status: string; confirmed_at: string | null; message_id: string }>> {
  return (await db('outbox').orderBy('id')) as Array<{ id: number; kind: string; status: string; confirmed_at: string | null; message_id: string }>;
}

async function allSent(db: Knex): Promise<boolean> {
  const rows = await letters(db);
  return rows.length > 0 && rows.every((r) => r.status === 'sent');
}

describe('letters are sent exactly once across a crash mid-send, on the real mail stack', function () {
  this.timeout(120_000);
  let daemon: (Runtime & { logs: string[] }) | null = null;

  before(async () => ensureMailstack());
  beforeEach(async () => resetMailboxes());
  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && daemon) process.stderr.write(daemon.logs.slice(-40).join(''));
    await daemon?.close();
    daemon = null;
    removeInstances();
  });

  it('every letter\'s journal copy comes back, is recorded as proof of acceptance and filed in Sent, never as a complaint', async () => {
    // Nobody else told of every case: each complaint makes two letters, the acknowledgement and its department's announcement.
    const instance = testInstance({ staff: { notify: [] } });
    daemon = await startDaemon(instance);
    await sendMail('client1', 'complaints@example.test', { subject: 'Брак', text: 'Товар пришёл сломанным.' });
    await waitFor(async () => ((await letters(daemon!.db)).every((l) => l.confirmed_at) && (await letters(daemon!.db)).length === 2 ? true : null), { timeoutMs: 30_000, what: 'both letters confirmed by their journal copies' });
    await waitFor(async () => ((await listMessages('complaints', 'Sent')).length === 2 ? true : null), { timeoutMs: 20_000, what: 'the copies filed in Sent' });
    expect(await daemon.db('cases').count({ n: '*' }).first()).to.deep.equal({ n: 1 });
    const statuses = ((await daemon.db('inbound').orderBy('id').select('status')) as Array<{ status: string }>).map((r) => r.status);
    expect(statuses).to.deep.equal(['registered', 'own_copy', 'own_copy']);
  });

  it('a letter the server accepted just before the daemon died is recorded as sent, not sent again', async () => {
    // Nobody else told of every case: each complaint makes two letters, the acknowledgement and its department's announcement.
    const instance = testInstance({ staff: { notify: [] } });
    daemon = await startDaemon(instance);
    await sendMail('client1', 'complaints@example.test', { subject: 'Возврат', text: 'Верните деньги за заказ 77.' });
    await waitFor(async () => ((await listMessages('complaints', 'Sent')).length === 2 ? true : null), { timeoutMs: 30_000, what: 'both letters sent and their copies filed' });
    await daemon.close();
    daemon = null;
    // Rewind to the moment of the crash: the server had taken the acknowledgement (the client has it,
    // its journal copy is waiting in INBOX) but the daemon had not recorded the reply yet.
    const db = openStore(instance.config.store);
    const ack = (await letters(db)).find((l) => l.kind === 'acknowledgement')!;
    await db('outbox').where({ id: ack.id }).update({ status: 'sending', confirmed_at: null, sent_at: null, claimed_by: instanceOwner(instance.config), claimed_at: new Date().toISOString(), claimed_until: new Date(Date.now() + 300_000).toISOString() });
    await db.destroy();
    await withImap('complaints', async (client) => {
      const lock = await client.getMailboxLock('Sent');
      try {
        await client.messageMove({ header: { 'message-id': ack.message_id } }, 'INBOX');
      } finally {
        lock.release();
      }
    });

    daemon = await startDaemon(instance);
    await waitFor(async () => ((await allSent(daemon!.db)) ? true : null), { timeoutMs: 30_000, what: 'the interrupted letter settled' });
    expect(await listMessages('client1', 'INBOX')).to.have.length(1);
    expect(await daemon.db('history').where({ event: 'acknowledgement_resent' }).count({ n: '*' }).first()).to.deep.equal({ n: 0 });
  });

  it('a letter claimed but never handed to the server is sent once, after the journal grace time', async () => {
    // First life: the relay is unreachable, so the letters wait in the outbox.
    const first = testInstance({ staff: { notify: [] }, smtp: { port: 1, journal: { graceSeconds: 1 } } });
    daemon = await startDaemon(first);
    await sendMail('client2', 'complaints@example.test', { subject: 'Доставка', text: 'Заказ не привезли.' });
    await waitFor(async () => ((await letters(daemon!.db)).length === 2 ? true : null), { timeoutMs: 30_000, what: 'letters queued' });
    await daemon.close();
    daemon = null;
    const db = openStore(first.config.store);
    await db('outbox').update({ status: 'sending', claimed_by: instanceOwner(first.config), claimed_at: new Date().toISOString(), claimed_until: new Date(Date.now() + 300_000).toISOString() });
    await db.destroy();

    // Second life, the relay back: no journal copy ever comes, so each letter goes out once.
    const second = testInstance({ staff: { notify: [] }, store: { filename: first.config.store.filename }, smtp: { journal: { graceSeconds: 1 } } });
    daemon = await startDaemon(second);
    await waitFor(async () => ((await allSent(daemon!.db)) ? true : null), { timeoutMs: 30_000, what: 'the letters sent after the grace time' });
    // Both journal copies filed means the server has finished with every send the daemon made.
    await waitFor(async () => ((await listMessages('complaints', 'Sent')).length === 2 ? true : null), { timeoutMs: 20_000, what: 'the journal copies filed' });
    expect(await listMessages('client2', 'INBOX')).to.have.length(1);
    expect(await daemon.db('history').where({ event: 'acknowledgement_resent' }).count({ n: '*' }).first()).to.deep.equal({ n: 1 });
  });
});

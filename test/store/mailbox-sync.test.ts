import { expect } from 'chai';
import { PassThrough } from 'node:stream';
import type { FetchMessageObject, FetchQueryObject } from 'imapflow';
import type { Knex } from 'knex';
import { openTestStore, type TestStore } from '../support/test-store';
import { createLogger } from '../../src/log/logger';
import { syncMailbox, type SyncClient } from '../../src/intake/mailbox-sync';
import { getWatermark } from '../../src/store/mailbox-state-repo';
import { destinationFolder } from '../../src/intake/sync-decisions';
import { rawMail } from '../support/raw-mail';

/** A mailbox whose batch FETCH leaves out the bytes of some UIDs; `again` says what a FETCH of that UID alone returns. */
function fakeMailbox(uids: number[], opts: { withoutSource: number[]; again: Record<number, 'source' | 'no-source' | 'gone'> }): SyncClient & { askedAlone: number[] } {
  const message = (uid: number, withSource: boolean): FetchMessageObject => ({
    seq: uid, uid, envelope: { messageId: `<m${uid}@client.example.test>` }, internalDate: new Date('2026-11-27T09:00:00Z'),
    ...(withSource ? { source: rawMail({ subject: `Письмо ${uid}` }) } : {}),
  });
  const askedAlone: number[] = [];
  return {
    askedAlone,
    mailbox: { uidValidity: 1700000000n, exists: uids.length },
    getMailboxLock: async () => ({ release: () => undefined }),
    noop: async () => undefined,
    search: async ({ uid }) => uids.filter((u) => u >= Number(uid.split(':')[0])),
    async *fetch(range: string, _query: FetchQueryObject) {
      for (const uid of range.split(',').map(Number)) yield message(uid, !opts.withoutSource.includes(uid));
    },
    fetchOne: async (uid: string) => {
      askedAlone.push(Number(uid));
      const answer = opts.again[Number(uid)] ?? 'source';
      return answer === 'gone' ? false : message(Number(uid), answer === 'source');
    },
  };
}

interface LedgerRow { uid: number; status: string; reason: string | null; size: number; message_key: string }

describe('reading a mailbox whose server leaves out message bytes', () => {
  let db: Knex;
  const log = createLogger({ level: 'error', format: 'json', maskPersonalData: true, stream: new PassThrough() });
  const opts = { mailbox: 'INBOX', batchSize: 50, maxMessageBytes: 1_000_000, clock: () => new Date('2026-11-27T10:00:00Z'), shouldStop: () => false };
  const ledger = async (): Promise<LedgerRow[]> => (await db('inbound').orderBy('uid').select('uid', 'status', 'reason', 'size', 'message_key')) as LedgerRow[];

  let store: TestStore;

  beforeEach(async () => {
    store = await openTestStore();
    db = store.db;
  });
  afterEach(async () => store.close());

  it('a message sent without its bytes in the batch is fetched again on its own and recorded as pending', async () => {
    const client = fakeMailbox([1, 2, 3], { withoutSource: [2], again: { 2: 'source' } });
    expect(await syncMailbox(client, db, log, opts)).to.equal(3);
    expect(client.askedAlone).to.deep.equal([2]);
    expect((await ledger()).map((r) => [r.uid, r.status])).to.deep.equal([[1, 'pending'], [2, 'pending'], [3, 'pending']]);
  });

  it('tells the processor as each batch is in the ledger, not once the whole sync is done', async () => {
    const events: string[] = [];
    const mailbox = fakeMailbox([1, 2, 3, 4, 5], { withoutSource: [], again: {} });
    const search = mailbox.search;
    mailbox.search = async (...args) => {
      events.push('search');
      return search(...args);
    };
    expect(await syncMailbox(mailbox, db, log, { ...opts, batchSize: 2, onRecorded: () => events.push('recorded') })).to.equal(5);
    // One batch per search while mail is left, each told before the next search: search, recorded, search, ...
    const batches = events.filter((e) => e === 'recorded').length;
    expect(batches).to.be.greaterThan(1);
    expect(events).to.deep.equal(['search', ...Array.from({ length: batches }, () => ['recorded', 'search']).flat()]);
  });

  it('a batch whose ledger write the database broke off to end a deadlock is written again, the IMAP session kept', async () => {
    let calls = 0;
    const deadlock = (): Error => Object.assign(new Error('update "outbox" set "confirmed_at" = $1 - deadlock detected'), { code: '40P01' });
    const fence = async (): Promise<void> => {
      if (calls++ === 0) throw deadlock();
    };
    expect(await syncMailbox(fakeMailbox([1, 2, 3], { withoutSource: [], again: {} }), db, log, { ...opts, fence })).to.equal(3);
    expect((await ledger()).map((r) => r.uid)).to.deep.equal([1, 2, 3]);
    const always = async (): Promise<void> => {
      throw deadlock();
    };
    let failed: unknown = null;
    await syncMailbox(fakeMailbox([4], { withoutSource: [], again: {} }), db, log, { ...opts, fence: always }).catch((err: unknown) => (failed = err));
    expect(String(failed)).to.match(/deadlock detected/);
  });

  it('the journal copy of our own letter is settled as it is recorded: confirmed, own_copy, never left pending for the processor', async () => {
    await db('outbox').insert({ kind: 'acknowledgement', message_id: 'm2@client.example.test', envelope_from: 'complaints@example.test', envelope_to: 'client1@example.test', subject: 'x', raw: Buffer.from('x'), status: 'sending', next_attempt_at: '2026-11-27T09:00:00Z', created_at: '2026-11-27T09:00:00Z' });
    expect(await syncMailbox(fakeMailbox([1, 2, 3], { withoutSource: [], again: {} }), db, log, opts)).to.equal(3);
    const rows = await ledger();
    expect(rows.map((r) => [r.uid, r.status])).to.deep.equal([[1, 'pending'], [2, 'own_copy'], [3, 'pending']]);
    expect(rows[1]?.reason).to.match(/^journal copy of our letter #\d+: the mail server accepted it$/);
    expect(await db('outbox').first('confirmed_at')).to.deep.equal({ confirmed_at: '2026-11-27T10:00:00.000Z' });
  });

  it('a message that still comes without its bytes is recorded as quarantined with the reason, and the watermark moves past it', async () => {
    const client = fakeMailbox([1, 2, 3], { withoutSource: [2], again: { 2: 'no-source' } });
    await syncMailbox(client, db, log, opts);
    const rows = await ledger();
    expect(rows.map((r) => [r.uid, r.status])).to.deep.equal([[1, 'pending'], [2, 'quarantined'], [3, 'pending']]);
    expect(rows[1]).to.include({ reason: 'the server returned UID 2 without its content, asked twice', size: 0, message_key: 'm2@client.example.test' });
    expect(await getWatermark(db, 'INBOX')).to.deep.equal({ uidvalidity: '1700000000', lastUid: 3 });
    // The mover sends quarantined rows to the Quarantine folder, where an admin can look at the message.
    expect(destinationFolder(rows[1]!.status, { processed: 'Processed', quarantine: 'Quarantine', sent: 'Sent' })).to.equal('Quarantine');
  });

  it('a UID the server no longer has when asked alone is still accounted for in the ledger as quarantined', async () => {
    const client = fakeMailbox([1, 2], { withoutSource: [1], again: { 1: 'gone' } });
    await syncMailbox(client, db, log, opts);
    const [gone] = await ledger();
    expect(gone).to.include({ uid: 1, status: 'quarantined', message_key: 'm1@client.example.test' });
    expect(gone?.reason).to.match(/^the server returned no message for UID 1, asked twice/);
  });

  it('a second sync after a quarantined UID neither fetches it again nor records it twice', async () => {
    const client = fakeMailbox([1, 2], { withoutSource: [2], again: { 2: 'no-source' } });
    await syncMailbox(client, db, log, opts);
    expect(await syncMailbox(client, db, log, opts)).to.equal(0);
    expect(client.askedAlone).to.deep.equal([2]);
    expect(await ledger()).to.have.length(2);
  });
});

/** A mailbox that answers each FETCH with what it asked for, and notes which UIDs were fetched whole. */
function sizedMailbox(sizes: Record<number, number>): SyncClient & { fetchedWhole: number[]; batches: string[] } {
  const fetchedWhole: number[] = [];
  const batches: string[] = [];
  const answer = (uid: number, query: FetchQueryObject): FetchMessageObject => {
    const raw = rawMail({ subject: `Письмо ${uid}`, messageId: `m${uid}@client.example.test` });
    if (query.source) fetchedWhole.push(uid);
    return {
      seq: uid, uid, envelope: { messageId: `<m${uid}@client.example.test>` }, internalDate: new Date('2026-11-27T09:00:00Z'),
      ...(query.size ? { size: sizes[uid] ?? raw.length } : {}),
      ...(query.source ? { source: raw } : {}),
      ...(query.headers ? { headers: raw.subarray(0, raw.indexOf('\r\n\r\n') + 4) } : {}),
    };
  };
  const uids = Object.keys(sizes).map(Number);
  return {
    fetchedWhole, batches,
    mailbox: { uidValidity: 1700000000n, exists: uids.length },
    getMailboxLock: async () => ({ release: () => undefined }),
    noop: async () => undefined,
    search: async ({ uid }) => uids.filter((u) => u >= Number(uid.split(':')[0])),
    async *fetch(range: string, query: FetchQueryObject) {
      if (query.source) batches.push(range);
      for (const uid of range.split(',').map(Number)) yield answer(uid, query);
    },
    fetchOne: async (uid: string, query: FetchQueryObject) => answer(Number(uid), query),
  };
}

describe('reading a mailbox with messages over the size limit', () => {
  let store: TestStore;
  const log = createLogger({ level: 'error', format: 'json', maskPersonalData: true, stream: new PassThrough() });
  const opts = { mailbox: 'INBOX', batchSize: 50, maxMessageBytes: 1_000_000, clock: () => new Date('2026-11-27T10:00:00Z'), shouldStop: () => false };
  beforeEach(async () => {
    store = await openTestStore();
  });
  afterEach(async () => store.close());

  it('a message over the limit is recorded by its header block and real size, pending, and never fetched whole', async () => {
    const client = sizedMailbox({ 1: 500, 2: 30_000_000, 3: 600 });
    expect(await syncMailbox(client, store.db, log, opts)).to.equal(3);
    expect(client.fetchedWhole).to.deep.equal([1, 3]);
    const rows = (await store.db('inbound').orderBy('uid').select('uid', 'status', 'size', 'raw', 'message_key')) as Array<{ uid: number; status: string; size: number; raw: Buffer; message_key: string }>;
    expect(rows.map((r) => [r.uid, r.status, Number(r.size)])).to.deep.equal([[1, 'pending', rows[0]?.raw.length], [2, 'pending', 30_000_000], [3, 'pending', rows[2]?.raw.length]]);
    expect(rows[1]?.raw.toString()).to.match(/Subject: =\?UTF-8\?B\?.+\?=\r\n[\s\S]*\r\n\r\n$/);
    expect(rows[1]?.message_key).to.equal('m2@client.example.test');
  });

  it('messages near the limit are fetched a few at a time, so a batch never holds more than the limit in bytes', async () => {
    const client = sizedMailbox({ 1: 400_000, 2: 400_000, 3: 400_000, 4: 100 });
    await syncMailbox(client, store.db, log, opts);
    expect(client.batches).to.deep.equal(['1,2', '3,4']);
    expect(await getWatermark(store.db, 'INBOX')).to.deep.equal({ uidvalidity: '1700000000', lastUid: 4 });
  });
});

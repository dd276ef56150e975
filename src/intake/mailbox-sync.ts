// Reads new mail into the inbound ledger. Each batch is written in the same transaction that moves
// the watermark, so a crash between fetch and store re-fetches rather than loses; every UID below
// the watermark has a ledger row, even one the server would not give us the bytes of.
import { createHash } from 'node:crypto';
import type { FetchMessageObject, FetchQueryObject } from 'imapflow';
import type { Knex } from 'knex';
import type { Logger } from '../log/logger';
import { getWatermark, setWatermark } from '../store/mailbox-state-repo';
import { recordFetched, recordUnreadable, type FetchedMessage } from '../store/inbound-repo';
import { isOverSizeLimit, nextUids, planSync, readableSource, takeWithinBytes, unreadableReason } from './sync-decisions';
import { confirmOwnCopies } from '../store/outbox-repo';
import { isDeadlock } from '../store/store-errors';
import { ownCopyReason } from '../outbox/own-copy';

export interface SyncOptions {
  mailbox: string;
  batchSize: number;
  /** A message over this is recorded by its size and header block, never fetched whole. */
  maxMessageBytes: number;
  clock: () => Date;
  shouldStop: () => boolean;
  /** Runs first in every ledger write's transaction and throws to refuse it (a lost mailbox lease). */
  fence?: (trx: Knex) => Promise<void>;
  /**
   * Told as soon as each batch is in the ledger. While mail keeps coming the sync goes on to the
   * next batch, and a processor told only at the end waited for every batch after its own (up to a
   * second at a steady 10 messages/s).
   */
  onRecorded?: () => void;
}

/** The part of ImapFlow the sync uses; tests pass a fake that misbehaves on purpose. */
export interface SyncClient {
  getMailboxLock(path: string): Promise<{ release(): void }>;
  noop(): Promise<void>;
  readonly mailbox: { uidValidity: bigint; exists: number } | false;
  search(query: { uid: string }, options: { uid: true }): Promise<number[] | false | undefined>;
  fetch(range: string, query: FetchQueryObject, options: { uid: true }): AsyncIterable<FetchMessageObject>;
  fetchOne(uid: string, query: FetchQueryObject, options: { uid: true }): Promise<FetchMessageObject | false>;
}

type Unreadable = Omit<FetchedMessage, 'raw'> & { reason: string };

const QUERY: FetchQueryObject = { uid: true, source: true, envelope: true, internalDate: true };
// Sizes first, so nothing over the limit is ever asked for whole.
const SIZE_QUERY: FetchQueryObject = { uid: true, size: true };
const HEADER_QUERY: FetchQueryObject = { uid: true, headers: true, size: true, envelope: true, internalDate: true };
// A batch's ledger write broken by a deadlock is tried this many times before intake gives up on the session.
const DEADLOCK_ATTEMPTS = 3;

/** Fetches everything new; returns how many messages were written to the ledger. */
export async function syncMailbox(client: SyncClient, db: Knex, log: Logger, opts: SyncOptions): Promise<number> {
  const lock = await client.getMailboxLock(opts.mailbox);
  try {
    // Without IDLE the server reports new mail (EXISTS) only in answer to a command; NOOP asks for
    // it, so the message count below is current when polling too.
    await client.noop();
    const mailbox = client.mailbox;
    if (!mailbox) throw new Error(`mailbox ${opts.mailbox} is not open`);
    const uidvalidity = String(mailbox.uidValidity);
    // Every write goes through the fence, the watermark's resets included: a holder that lost the
    // mailbox must not move it behind its successor's back.
    // A deadlock the database broke costs this batch its transaction, not the IMAP session: the batch
    // is still in hand, so it is written again (reconnecting would hold up the mailbox for seconds).
    const write = async (fn: (trx: Knex) => Promise<void>): Promise<void> => {
      for (let attempt = 1; ; attempt++) {
        try {
          return await db.transaction(async (trx) => {
            await opts.fence?.(trx);
            await fn(trx);
          });
        } catch (err) {
          if (!isDeadlock(err) || attempt >= DEADLOCK_ATTEMPTS) throw err;
          log.warn('intake.deadlock_retried', { mailbox: opts.mailbox, attempt });
        }
      }
    };
    const stored = await getWatermark(db, opts.mailbox);
    const plan = planSync(stored, uidvalidity);
    if (plan.action === 'rebaseline') {
      log.warn('intake.uidvalidity_changed', { mailbox: opts.mailbox, previous: plan.previous, current: uidvalidity });
      await write((trx) => setWatermark(trx, opts.mailbox, { uidvalidity, lastUid: 0 }, opts.clock().toISOString()));
    }
    let afterUid = plan.afterUid;
    let total = 0;
    while (!opts.shouldStop()) {
      const found = mailbox.exists === 0 ? [] : ((await client.search({ uid: `${afterUid + 1}:*` }, { uid: true })) || []);
      const next = nextUids(found, afterUid, opts.batchSize);
      if (next.length === 0) break;
      const sizes = await fetchSizes(client, next);
      const uids = takeWithinBytes(next, sizes, opts.maxMessageBytes);
      const { batch, unreadable } = await fetchBatch(client, uids, sizes, { mailbox: opts.mailbox, uidvalidity, fetchedAt: opts.clock(), maxMessageBytes: opts.maxMessageBytes });
      const lastUid = Math.max(...uids);
      let ownCopies = 0;
      await write(async (trx) => {
        const at = opts.clock().toISOString();
        // The journal copies of our letters are settled here, in the transaction that records them:
        // under a flood they are most of the mail, and each would otherwise be a pass of its own.
        const own = await confirmOwnCopies(trx, batch.filter((m) => !m.messageKey.startsWith('sha256:')).map((m) => m.messageKey), at);
        const settled = new Map([...own].map(([key, letter]) => [key, { status: 'own_copy' as const, reason: ownCopyReason(letter.id), caseId: letter.caseId }]));
        ownCopies = settled.size;
        await recordFetched(trx, batch, at, settled);
        await recordUnreadable(trx, unreadable, at);
        await setWatermark(trx, opts.mailbox, { uidvalidity, lastUid }, at);
      });
      opts.onRecorded?.();
      for (const u of unreadable) log.warn('intake.unreadable_quarantined', { mailbox: opts.mailbox, uid: u.uid, reason: u.reason });
      log.info('intake.fetched', { mailbox: opts.mailbox, count: batch.length, ownCopies, unreadable: unreadable.length, lastUid });
      afterUid = lastUid;
      total += batch.length + unreadable.length;
    }
    if (plan.action === 'first-sync' && total === 0) {
      await write((trx) => setWatermark(trx, opts.mailbox, { uidvalidity, lastUid: 0 }, opts.clock().toISOString()));
    }
    return total;
  } finally {
    lock.release();
  }
}

async function fetchSizes(client: SyncClient, uids: number[]): Promise<Map<number, number | undefined>> {
  const sizes = new Map<number, number | undefined>();
  for await (const msg of client.fetch(uids.join(','), SIZE_QUERY, { uid: true })) sizes.set(msg.uid, msg.size);
  return sizes;
}

type FetchAt = { mailbox: string; uidvalidity: string; fetchedAt: Date; maxMessageBytes: number };

/**
 * One FETCH for the batch; a UID that came back without its bytes is asked for again on its own. A
 * message over the size limit is recorded by its header block and its real size instead.
 */
async function fetchBatch(client: SyncClient, uids: number[], sizes: ReadonlyMap<number, number | undefined>, at: FetchAt): Promise<{ batch: FetchedMessage[]; unreadable: Unreadable[] }> {
  const whole = uids.filter((uid) => !isOverSizeLimit(sizes.get(uid), at.maxMessageBytes));
  const answers = new Map<number, FetchMessageObject>();
  if (whole.length > 0) for await (const msg of client.fetch(whole.join(','), QUERY, { uid: true })) answers.set(msg.uid, msg);
  const batch: FetchedMessage[] = [];
  const unreadable: Unreadable[] = [];
  for (const uid of uids) {
    if (!whole.includes(uid)) {
      const head = await fetchHeaderBlock(client, uid, at);
      if ('reason' in head) unreadable.push(head);
      else batch.push(head);
      continue;
    }
    const first = answers.get(uid);
    const msg = readableSource(first) ? first : (await client.fetchOne(String(uid), QUERY, { uid: true })) || undefined;
    const raw = readableSource(msg);
    if (raw === null) {
      const known = msg ?? first;
      unreadable.push({ ...ledgerKeys(at, uid, known), messageKey: messageKeyOf(known?.envelope?.messageId, `uid:${at.uidvalidity}:${uid}`), reason: unreadableReason(uid, msg) });
      continue;
    }
    batch.push({ ...ledgerKeys(at, uid, msg), messageKey: messageKeyOf(msg?.envelope?.messageId, `sha256:${createHash('sha256').update(raw).digest('hex')}`), raw });
  }
  return { batch, unreadable };
}

/** The ledger row of a message over the limit: its header block as the bytes, its real size, a pointer (mailbox, UID). */
async function fetchHeaderBlock(client: SyncClient, uid: number, at: FetchAt): Promise<FetchedMessage | Unreadable> {
  const msg = (await client.fetchOne(String(uid), HEADER_QUERY, { uid: true })) || undefined;
  const headers = msg?.headers;
  const size = msg?.size ?? 0;
  if (!headers || headers.length === 0) {
    return { ...ledgerKeys(at, uid, msg), messageKey: messageKeyOf(msg?.envelope?.messageId, `uid:${at.uidvalidity}:${uid}`), reason: `too large (${size} bytes, over mail.maxMessageBytes ${at.maxMessageBytes}), and the server returned no header block for UID ${uid}` };
  }
  const hash = createHash('sha256').update(headers).update(String(size)).digest('hex');
  return { ...ledgerKeys(at, uid, msg), messageKey: messageKeyOf(msg?.envelope?.messageId, `sha256:${hash}`), raw: headers, size };
}

function ledgerKeys(at: { mailbox: string; uidvalidity: string; fetchedAt: Date }, uid: number, msg: FetchMessageObject | undefined): Omit<FetchedMessage, 'raw' | 'messageKey'> {
  const internal = msg?.internalDate;
  const received = internal instanceof Date && !Number.isNaN(internal.getTime()) ? internal : at.fetchedAt;
  return { mailbox: at.mailbox, uidvalidity: at.uidvalidity, uid, receivedAt: received.toISOString() };
}

/** The Message-ID without brackets, or `fallback` (a content hash, or the UID when there is no content). */
function messageKeyOf(messageId: string | undefined, fallback: string): string {
  const id = messageId?.trim().replace(/^<|>$/g, '');
  return id ? id : fallback;
}

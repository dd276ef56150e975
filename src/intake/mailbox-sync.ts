// Reads new mail into the inbound ledger. Each batch is written in the same transaction that moves
// the watermark, so a crash between fetch and store re-fetches rather than loses.
import { createHash } from 'node:crypto';
import type { ImapFlow } from 'imapflow';
import type { Knex } from 'knex';
import type { Logger } from '../log/logger';
import { getWatermark, setWatermark } from '../store/mailbox-state-repo';
import { recordFetched, type FetchedMessage } from '../store/inbound-repo';
import { nextUids, planSync } from './sync-decisions';

export interface SyncOptions {
  mailbox: string;
  batchSize: number;
  clock: () => Date;
  shouldStop: () => boolean;
}

/** Fetches everything new; returns how many messages were written to the ledger. */
export async function syncMailbox(client: ImapFlow, db: Knex, log: Logger, opts: SyncOptions): Promise<number> {
  const lock = await client.getMailboxLock(opts.mailbox);
  try {
    // Without IDLE the server reports new mail (EXISTS) only in answer to a command; NOOP asks for
    // it, so the message count below is current when polling too.
    await client.noop();
    const mailbox = client.mailbox;
    if (!mailbox) throw new Error(`mailbox ${opts.mailbox} is not open`);
    const uidvalidity = String(mailbox.uidValidity);
    const stored = await getWatermark(db, opts.mailbox);
    const plan = planSync(stored, uidvalidity);
    if (plan.action === 'rebaseline') {
      log.warn('intake.uidvalidity_changed', { mailbox: opts.mailbox, previous: plan.previous, current: uidvalidity });
      await setWatermark(db, opts.mailbox, { uidvalidity, lastUid: 0 }, opts.clock().toISOString());
    }
    let afterUid = plan.afterUid;
    let total = 0;
    while (!opts.shouldStop()) {
      const found = mailbox.exists === 0 ? [] : ((await client.search({ uid: `${afterUid + 1}:*` }, { uid: true })) || []);
      const uids = nextUids(found, afterUid, opts.batchSize);
      if (uids.length === 0) break;
      const batch: FetchedMessage[] = [];
      const fetchedAt = opts.clock();
      for await (const msg of client.fetch(uids.join(','), { uid: true, source: true, envelope: true, internalDate: true }, { uid: true })) {
        if (!msg.source) continue;
        const received = msg.internalDate instanceof Date && !Number.isNaN(msg.internalDate.getTime()) ? msg.internalDate : fetchedAt;
        batch.push({ mailbox: opts.mailbox, uidvalidity, uid: msg.uid, messageKey: messageKey(msg.envelope?.messageId, msg.source), raw: msg.source, receivedAt: received.toISOString() });
      }
      const lastUid = Math.max(...uids);
      await db.transaction(async (trx) => {
        const at = opts.clock().toISOString();
        await recordFetched(trx, batch, at);
        await setWatermark(trx, opts.mailbox, { uidvalidity, lastUid }, at);
      });
      log.info('intake.fetched', { mailbox: opts.mailbox, count: batch.length, lastUid });
      afterUid = lastUid;
      total += batch.length;
    }
    if (plan.action === 'first-sync' && total === 0) {
      await setWatermark(db, opts.mailbox, { uidvalidity, lastUid: 0 }, opts.clock().toISOString());
    }
    return total;
  } finally {
    lock.release();
  }
}

function messageKey(messageId: string | undefined, raw: Buffer): string {
  const id = messageId?.trim().replace(/^<|>$/g, '');
  return id ? id : `sha256:${createHash('sha256').update(raw).digest('hex')}`;
}

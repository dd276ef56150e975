// The inbound ledger: every fetched message, raw, before anything else happens to it. Processing
// reads pending rows; a crash replays them, it never loses them.
import type { Knex } from 'knex';

/** bounce: a bounce of one of our letters, recorded on the letter's case (see hygiene/record-bounce.ts). */
export type InboundStatus = 'pending' | 'registered' | 'follow_up' | 'automated' | 'bounce' | 'duplicate' | 'quarantined' | 'own_copy';

export interface FetchedMessage {
  mailbox: string;
  uidvalidity: string;
  uid: number;
  messageKey: string;
  raw: Buffer;
  /** ISO time the server received it (INTERNALDATE); the fetch time when the server gives none. */
  receivedAt: string;
}

export interface InboundRow extends FetchedMessage {
  id: number;
  status: InboundStatus;
  reason: string | null;
  caseId: number | null;
  movedTo: string | null;
}

interface DbRow {
  id: number;
  mailbox: string;
  uidvalidity: string;
  uid: number | string;
  message_key: string;
  raw: Buffer;
  received_at: string;
  status: InboundStatus;
  reason: string | null;
  case_id: number | null;
  moved_to: string | null;
}

function fromDb(r: DbRow): InboundRow {
  return {
    id: r.id,
    mailbox: r.mailbox,
    uidvalidity: String(r.uidvalidity),
    uid: Number(r.uid),
    messageKey: r.message_key,
    raw: r.raw,
    receivedAt: r.received_at,
    status: r.status,
    reason: r.reason,
    caseId: r.case_id,
    movedTo: r.moved_to,
  };
}

/**
 * Idempotent: a message fetched again after a crash (same mailbox, UIDVALIDITY, UID) is not a second row.
 * `settled` rows (the journal copies of our letters, by message key) are recorded as processed already.
 * One statement per chunk of rows: under a flood, a statement per message is a store round trip each.
 */
export async function recordFetched(db: Knex, messages: FetchedMessage[], at: string, settled: ReadonlyMap<string, { status: 'own_copy'; reason: string; caseId: number | null }> = new Map()): Promise<void> {
  for (let i = 0; i < messages.length; i += 25) {
    const rows = messages.slice(i, i + 25).map((m) => {
      const done = settled.get(m.messageKey);
      return {
        mailbox: m.mailbox, uidvalidity: m.uidvalidity, uid: m.uid, message_key: m.messageKey, raw: m.raw, size: m.raw.length, fetched_at: at, received_at: m.receivedAt,
        status: done ? done.status : 'pending', reason: done ? done.reason : null, case_id: done ? done.caseId : null, processed_at: done ? at : null,
      };
    });
    await db('inbound').insert(rows).onConflict(['mailbox', 'uidvalidity', 'uid']).ignore();
  }
}

/**
 * A message the server would not give us the bytes of: recorded as quarantined with its reason and
 * empty raw bytes, so it is accounted for (and moved to Quarantine) instead of skipped.
 */
export async function recordUnreadable(db: Knex, messages: Array<Omit<FetchedMessage, 'raw'> & { reason: string }>, at: string): Promise<void> {
  for (const m of messages) {
    await db('inbound')
      .insert({
        mailbox: m.mailbox, uidvalidity: m.uidvalidity, uid: m.uid, message_key: m.messageKey, raw: Buffer.alloc(0), size: 0, fetched_at: at,
        received_at: m.receivedAt, status: 'quarantined', reason: m.reason, processed_at: at,
      })
      .onConflict(['mailbox', 'uidvalidity', 'uid'])
      .ignore();
  }
}

export async function pendingInbound(db: Knex, limit: number): Promise<InboundRow[]> {
  const rows = (await db('inbound').where({ status: 'pending' }).orderBy('id').limit(limit)) as DbRow[];
  return rows.map(fromDb);
}

export async function markInbound(db: Knex, id: number, status: Exclude<InboundStatus, 'pending'>, reason: string, caseId: number | null, at: string): Promise<void> {
  await db('inbound').where({ id }).update({ status, reason, case_id: caseId, processed_at: at });
}

/** Processed rows whose message still sits in the watched mailbox under the current UIDVALIDITY. */
export async function unmovedInbound(db: Knex, mailbox: string, uidvalidity: string, limit: number): Promise<Array<Pick<InboundRow, 'id' | 'uid' | 'status'>>> {
  // Without the raw bytes: a group of hundreds of messages with their attachments is megabytes.
  const rows = (await db('inbound')
    .where({ mailbox, uidvalidity })
    .whereNot({ status: 'pending' })
    .whereNull('moved_to')
    .orderBy('id')
    .limit(limit)
    .select('id', 'uid', 'status')) as Array<Pick<DbRow, 'id' | 'uid' | 'status'>>;
  return rows.map((r) => ({ id: r.id, uid: Number(r.uid), status: r.status }));
}

export async function markMoved(db: Knex, ids: number[], folder: string): Promise<void> {
  if (ids.length > 0) await db('inbound').whereIn('id', ids).update({ moved_to: folder });
}

export async function listInbound(db: Knex, status: InboundStatus | null, limit: number): Promise<Omit<InboundRow, 'raw'>[]> {
  const q = db('inbound').select('id', 'mailbox', 'uidvalidity', 'uid', 'message_key', 'received_at', 'status', 'reason', 'case_id', 'moved_to').orderBy('id', 'desc').limit(limit);
  if (status) q.where({ status });
  const rows = (await q) as Omit<DbRow, 'raw'>[];
  return rows.map((r) => {
    const { raw: _raw, ...rest } = fromDb({ ...r, raw: Buffer.alloc(0) });
    return rest;
  });
}

/** How many ledger rows `listInbound` would find without its limit. */
export async function countInbound(db: Knex, status: InboundStatus | null): Promise<number> {
  const q = db('inbound').count({ n: '*' });
  if (status) q.where({ status });
  const row = (await q.first()) as { n: number | string } | undefined;
  return Number(row?.n ?? 0);
}

/** Counts an unexpected processing failure; returns the attempts so far. */
export async function countFailedAttempt(db: Knex, id: number, error: string): Promise<number> {
  await db('inbound').where({ id }).increment('attempts', 1).update({ reason: error });
  const row = (await db('inbound').where({ id }).first('attempts')) as { attempts: number } | undefined;
  return row?.attempts ?? 0;
}

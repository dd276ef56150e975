// The inbound ledger: every fetched message, raw, before anything else happens to it. Processing
// reads pending rows; a crash replays them, it never loses them.
import type { Knex } from 'knex';
import { senderAddressOf } from '../mail/sender-address';

/** bounce: a bounce of one of our letters, recorded on the letter's case (see hygiene/record-bounce.ts). */
export type InboundStatus = 'pending' | 'registered' | 'follow_up' | 'automated' | 'bounce' | 'duplicate' | 'quarantined' | 'own_copy';

export interface FetchedMessage {
  mailbox: string;
  uidvalidity: string;
  uid: number;
  messageKey: string;
  raw: Buffer;
  /**
   * The message's size on the server. Larger than raw.length only for a message over
   * mail.maxMessageBytes: then raw is its header block alone and the message stays in the mailbox.
   */
  size?: number;
  /** ISO time the server received it (INTERNALDATE); the fetch time when the server gives none. */
  receivedAt: string;
}

export interface InboundRow extends FetchedMessage {
  id: number;
  size: number;
  status: InboundStatus;
  reason: string | null;
  caseId: number | null;
  movedTo: string | null;
  /** The From address, for turns between senders and their order; null when there is none. */
  sender?: string | null;
}

interface DbRow {
  id: number;
  mailbox: string;
  uidvalidity: string;
  uid: number | string;
  message_key: string;
  raw: Buffer;
  size: number | string;
  received_at: string;
  status: InboundStatus;
  reason: string | null;
  case_id: number | null;
  moved_to: string | null;
  sender?: string | null;
}

function fromDb(r: DbRow): InboundRow {
  return {
    id: r.id,
    mailbox: r.mailbox,
    uidvalidity: String(r.uidvalidity),
    uid: Number(r.uid),
    messageKey: r.message_key,
    raw: r.raw,
    size: Number(r.size),
    receivedAt: r.received_at,
    status: r.status,
    reason: r.reason,
    caseId: r.case_id,
    movedTo: r.moved_to,
    sender: r.sender ?? null,
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
        mailbox: m.mailbox, uidvalidity: m.uidvalidity, uid: m.uid, message_key: m.messageKey, raw: m.raw, size: m.size ?? m.raw.length, sender: senderAddressOf(m.raw), fetched_at: at, received_at: m.receivedAt,
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

/** A pending row's place among its sender's pending rows (1 for the oldest). */
export interface PendingTurn {
  id: number;
  sender: string | null;
  turn: number;
}

/**
 * The next pending rows, without their bytes, senders taking turns: each sender's oldest row first,
 * then each one's second, and so on, so a thousand messages from one address do not hold back the
 * one from somebody else, and one sender's rows keep their arrival order (a follow-up is never
 * handled before its complaint). The processor loads each message's bytes when it comes to it, so
 * twenty pending 25 MB messages are not all in memory at once.
 */
export async function pendingInboundTurns(db: Knex, limit: number): Promise<PendingTurn[]> {
  const turns = db('inbound')
    .where({ status: 'pending' })
    .select('id', 'sender', db.raw("row_number() over (partition by coalesce(sender, '') order by id) as turn"))
    .as('turns');
  const picked = (await db.from(turns).orderBy([{ column: 'turn' }, { column: 'id' }]).limit(limit).select('id', 'sender', 'turn')) as Array<{ id: number; sender: string | null; turn: number | string }>;
  return picked.map((p) => ({ id: Number(p.id), sender: p.sender ?? null, turn: Number(p.turn) }));
}

/** The next pending rows whole, in the order pendingInboundTurns gives. */
export async function pendingInbound(db: Knex, limit: number): Promise<InboundRow[]> {
  const ids = (await pendingInboundTurns(db, limit)).map((p) => p.id);
  if (ids.length === 0) return [];
  const order = new Map(ids.map((id, i) => [id, i]));
  const rows = (await db('inbound').whereIn('id', ids)) as DbRow[];
  return rows.sort((a, b) => (order.get(Number(a.id)) ?? 0) - (order.get(Number(b.id)) ?? 0)).map(fromDb);
}

export async function findInbound(db: Knex, id: number): Promise<InboundRow | null> {
  const row = (await db('inbound').where({ id }).first()) as DbRow | undefined;
  return row ? fromDb(row) : null;
}

/** Records what became of a pending row; a row another instance finished meanwhile keeps its outcome. */
export async function markInbound(db: Knex, id: number, status: Exclude<InboundStatus, 'pending'>, reason: string, caseId: number | null, at: string): Promise<void> {
  await db('inbound').where({ id, status: 'pending' }).update({ status, reason, case_id: caseId, processed_at: at });
}

/** Records a row's final outcome over what an earlier step of the same transaction wrote; only for a row held by holdPendingInbound. */
export async function settleHeldInbound(trx: Knex, id: number, status: Exclude<InboundStatus, 'pending'>, reason: string, caseId: number | null, at: string): Promise<void> {
  await trx('inbound').where({ id }).update({ status, reason, case_id: caseId, processed_at: at });
}

/**
 * Holds a ledger row for the transaction that processes it: with several instances on PostgreSQL a
 * second one asking for the same row waits, then sees it is no longer pending. Returns the row's
 * status when another instance processed it first, null when it is ours to process.
 */
export async function holdPendingInbound(trx: Knex, id: number): Promise<Exclude<InboundStatus, 'pending'> | null> {
  const row = (await trx('inbound').where({ id }).forUpdate().first('status')) as { status: InboundStatus } | undefined;
  if (!row) throw new Error(`inbound row ${id} is gone`);
  return row.status === 'pending' ? null : row.status;
}

/**
 * An earlier message from the same sender still pending (another instance may be processing it right
 * now): this one waits its turn, so one sender's messages, and with them a case's, stay in order
 * when several instances process the ledger. Null when there is none.
 */
export async function earlierPendingFrom(trx: Knex, sender: string, id: number): Promise<number | null> {
  const row = (await trx('inbound').where({ sender, status: 'pending' }).andWhere('id', '<', id).orderBy('id').first('id')) as { id: number } | undefined;
  return row ? Number(row.id) : null;
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
  const q = db('inbound').select('id', 'mailbox', 'uidvalidity', 'uid', 'message_key', 'size', 'received_at', 'status', 'reason', 'case_id', 'moved_to').orderBy('id', 'desc').limit(limit);
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

/** The ledger's "import" mailbox holds historic mail that complaintd import registered (never moved). */
export const IMPORT_MAILBOX = 'import';

/** Whether any ledger row (from the mailbox or an earlier import) has this Message-ID or content hash. */
export async function isMessageKeyKnown(db: Knex, messageKey: string): Promise<boolean> {
  return (await db('inbound').where({ message_key: messageKey }).first('id')) !== undefined;
}

/** A ledger row for one imported message, numbered after the last import, in the caller's transaction. */
export async function recordImported(trx: Knex, m: { messageKey: string; raw: Buffer; receivedAt: string }, at: string): Promise<InboundRow> {
  const last = (await trx('inbound').where({ mailbox: IMPORT_MAILBOX }).max({ uid: 'uid' }).first()) as { uid: number | string | null } | undefined;
  const uid = Number(last?.uid ?? 0) + 1;
  const [row] = (await trx('inbound')
    .insert({ mailbox: IMPORT_MAILBOX, uidvalidity: IMPORT_MAILBOX, uid, message_key: m.messageKey, raw: m.raw, size: m.raw.length, sender: senderAddressOf(m.raw), fetched_at: at, received_at: m.receivedAt, status: 'pending', moved_to: 'imported' })
    .returning('*')) as DbRow[];
  if (!row) throw new Error('inbound insert returned nothing');
  return fromDb(row);
}

/** Only the header block of this message was fetched: it is over the size limit and stays in the mailbox. */
export function isHeaderBlockOnly(row: Pick<InboundRow, 'raw' | 'size'>): boolean {
  return row.size > row.raw.length;
}

/**
 * When a message with this key (a Message-ID without brackets) was first fetched into the ledger,
 * processed or not; null when it never was. A journal copy waiting its turn behind a backlog proves
 * the server took our letter as well as a processed one does.
 */
export async function firstFetchedAt(db: Knex, messageKey: string): Promise<string | null> {
  const row = (await db('inbound').where({ message_key: messageKey }).orderBy('id').first('fetched_at')) as { fetched_at: string } | undefined;
  return row?.fetched_at ?? null;
}

// The outbox: every letter to send is a row written in the same transaction as the case change that
// caused it, with its Message-ID and bytes fixed, so a retry re-sends the same letter.
import type { Knex } from 'knex';
import { skippingLocked } from './skip-locked';

// queued -> sending -> sent | retry_wait | failed | suppressed (an address on the suppression list);
// sent -> bounced when a bounce naming the letter comes back later. withheld: written by an import of
// historic mail (complaintd import), kept for the record and never sent. queued | retry_wait |
// sending -> cancelled when the client's personal data is forgotten before it went (privacy/forget.ts).
export type OutboxStatus = 'queued' | 'sending' | 'sent' | 'retry_wait' | 'failed' | 'bounced' | 'suppressed' | 'withheld' | 'cancelled';
/** Letters to the client, then letters to staff. */
export const LETTER_KINDS = [
  'acknowledgement', 'answer', 'info_request', 'decision', 'deadline_extended',
  'staff_notice', 'staff_forward', 'staff_assigned', 'approval_request', 'decision_returned', 'command_result', 'command_errors',
  'alert', 'deadline_reminder', 'department_notice', 'digest', 'kpi_report',
] as const;
export type LetterKind = (typeof LETTER_KINDS)[number];

export interface NewLetter {
  caseId: number | null;
  kind: LetterKind;
  messageId: string;
  envelopeFrom: string;
  envelopeTo: string[];
  subject: string;
  raw: Buffer;
  /** Why the letter is never to be sent (an import of historic mail); absent for a letter to send. */
  withheld?: string | null;
}

export interface OutboxRow extends NewLetter {
  id: number;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  claimedAt: string | null;
  /** When the claim runs (or ran) out; a restart sets it to the moment it adopted its own interrupted sends. */
  claimedUntil: string | null;
  confirmedAt: string | null;
}

interface DbOutbox {
  id: number;
  case_id: number | null;
  kind: LetterKind;
  message_id: string;
  envelope_from: string;
  envelope_to: string;
  subject: string;
  raw: Buffer;
  status: OutboxStatus;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  claimed_at: string | null;
  claimed_until: string | null;
  confirmed_at: string | null;
}

function fromDb(r: DbOutbox): OutboxRow {
  return {
    id: r.id,
    caseId: r.case_id,
    kind: r.kind,
    messageId: r.message_id,
    envelopeFrom: r.envelope_from,
    envelopeTo: r.envelope_to.split(',').filter(Boolean),
    subject: r.subject,
    raw: r.raw,
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    lastError: r.last_error,
    claimedAt: r.claimed_at,
    claimedUntil: r.claimed_until,
    confirmedAt: r.confirmed_at,
  };
}

export async function queueLetter(trx: Knex, letter: NewLetter, at: string): Promise<number> {
  const [row] = (await trx('outbox')
    .insert({
      case_id: letter.caseId,
      kind: letter.kind,
      message_id: letter.messageId,
      envelope_from: letter.envelopeFrom,
      envelope_to: letter.envelopeTo.join(','),
      subject: letter.subject,
      raw: letter.raw,
      status: letter.withheld ? 'withheld' : 'queued',
      last_error: letter.withheld ?? null,
      attempts: 0,
      next_attempt_at: at,
      created_at: at,
    })
    .returning('id')) as Array<{ id: number }>;
  if (!row) throw new Error('outbox insert returned nothing');
  return row.id;
}

export interface Claim {
  now: string;
  /** This instance, so a claim by a dead one can be told from a live one's. */
  owner: string;
  claimedUntil: string;
  limit: number;
}

/** Takes due letters for sending. The status change is conditional, so two senders never take one letter. */
export async function claimDue(db: Knex, c: Claim): Promise<OutboxRow[]> {
  // One transaction for the group: one disk sync however many letters are claimed. Each claim is
  // still conditional on the status read, so another instance claiming meanwhile wins its letters;
  // on PostgreSQL rows another instance is claiming are skipped, so instances take different letters.
  return db.transaction(async (trx) => {
    const due = (await skippingLocked(trx, trx('outbox').whereIn('status', ['queued', 'retry_wait']).where('next_attempt_at', '<=', c.now).orderBy('id').limit(c.limit))) as DbOutbox[];
    const claimed: OutboxRow[] = [];
    for (const row of due) {
      const change = { status: 'sending' as const, attempts: row.attempts + 1, claimed_by: c.owner, claimed_at: c.now, claimed_until: c.claimedUntil };
      const n = await trx('outbox').where({ id: row.id, status: row.status }).update(change);
      if (n === 1) claimed.push(fromDb({ ...row, ...change }));
    }
    return claimed;
  });
}

const RELEASED = { claimed_by: null, claimed_until: null };

/** Conditional on the send still being in hand: a bounce that came back first is not overwritten. */
export async function markSent(db: Knex, id: number, response: string, at: string): Promise<void> {
  await db('outbox').where({ id, status: 'sending' }).update({ status: 'sent', smtp_response: response, sent_at: at, last_error: null, ...RELEASED });
}

export async function markRetry(db: Knex, id: number, error: string, nextAttemptAt: string): Promise<void> {
  await db('outbox').where({ id }).update({ status: 'retry_wait', last_error: error, next_attempt_at: nextAttemptAt, ...RELEASED });
}

export async function markFailed(db: Knex, id: number, error: string): Promise<void> {
  await db('outbox').where({ id }).update({ status: 'failed', last_error: error, ...RELEASED });
}

/** Not sent, ever: every recipient is on the suppression list. `reason` names the entry and its expiry. */
export async function markSuppressed(db: Knex, id: number, reason: string): Promise<void> {
  await db('outbox').where({ id }).update({ status: 'suppressed', last_error: reason, ...RELEASED });
}

export interface LetterBounceRecord {
  status: string | null;
  reason: string;
  hard: boolean;
  reply: string | null;
  /** For staff reading the outbox: the reason and the reply on one line. */
  summary: string;
}

// A letter the server took (or is taking: the bounce may be read before the 250 is recorded), or
// one waiting to be retried after an earlier attempt was taken for some recipients.
const BOUNCEABLE: OutboxStatus[] = ['sent', 'sending', 'retry_wait'];

/** Marks the letter bounced; false when it is not in a state a bounce can follow (never sent, failed, bounced before). */
export async function markBounced(db: Knex, id: number, b: LetterBounceRecord, at: string): Promise<boolean> {
  const n = await db('outbox').where({ id }).whereIn('status', BOUNCEABLE).update({
    status: 'bounced', bounced_at: at, bounce_status: b.status, bounce_reason: b.reason, bounce_hard: b.hard, bounce_reply: b.reply, last_error: b.summary, ...RELEASED,
  });
  return n === 1;
}

export async function findLetterByMessageId(db: Knex, messageId: string): Promise<OutboxRow | null> {
  const row = (await db('outbox').where({ message_id: messageId }).first()) as DbOutbox | undefined;
  return row ? fromDb(row) : null;
}

/** When the last letter of this kind to `to` (a one-recipient letter's address) was queued, if ever. */
export async function lastLetterAt(db: Knex, q: { kind: LetterKind; to: string }): Promise<Date | null> {
  const row = (await db('outbox').where({ envelope_to: q.to, kind: q.kind }).max({ at: 'created_at' }).first()) as { at: string | null } | undefined;
  return row?.at ? new Date(row.at) : null;
}

/**
 * Letters of these kinds created since `hourSince` and `daySince` to `to` (a one-recipient
 * letter's address), and since `hourSince` to anyone: what the ceiling on automatic letters counts.
 * Two counts read from the index alone (migration 010): one for the recipient, one for everyone.
 */
export async function countRecentLetters(db: Knex, q: { kinds: readonly LetterKind[]; to: string; hourSince: Date; daySince: Date }): Promise<{ toRecipientLastHour: number; toRecipientLastDay: number; toAnyoneLastHour: number }> {
  const hour = q.hourSince.toISOString();
  // Withheld letters of an import never reach anyone: they must not use up the live ceiling.
  const recent = (since: string) => db('outbox').whereIn('kind', q.kinds).where('created_at', '>', since).whereNot({ status: 'withheld' });
  const recipient = (await recent(q.daySince.toISOString()).where({ envelope_to: q.to })
    .select(db.raw('count(*) as day'), db.raw('coalesce(sum(case when created_at > ? then 1 else 0 end), 0) as hour', [hour])).first()) as { day: number | string; hour: number | string } | undefined;
  const anyone = (await recent(hour).count({ n: '*' }).first()) as { n: number | string } | undefined;
  return { toRecipientLastHour: Number(recipient?.hour ?? 0), toRecipientLastDay: Number(recipient?.day ?? 0), toAnyoneLastHour: Number(anyone?.n ?? 0) };
}

/**
 * Earlier soft bounces of one-recipient letters to these addresses since `since`, except the letter
 * `exceptId`; a refusal of our own letter or server is ours to fix and does not count (see suppression.ts).
 */
export async function softBouncesTo(db: Knex, addresses: readonly string[], since: Date, exceptId: number): Promise<Array<{ address: string; at: Date }>> {
  if (addresses.length === 0) return [];
  const rows = (await db('outbox')
    .where({ status: 'bounced', bounce_hard: false })
    .whereNot({ id: exceptId })
    .whereNot({ bounce_reason: 'refused' })
    .whereIn('envelope_to', addresses)
    .where('bounced_at', '>', since.toISOString())
    .select('envelope_to', 'bounced_at')) as Array<{ envelope_to: string; bounced_at: string }>;
  return rows.map((r) => ({ address: r.envelope_to, at: new Date(r.bounced_at) }));
}

/** Letters left "sending" by an instance whose claim ran out: it died or lost its way mid-send. */
export async function interruptedLetters(db: Knex, now: string, limit: number): Promise<OutboxRow[]> {
  const rows = (await db('outbox').where({ status: 'sending' }).andWhere((w) => w.whereNull('claimed_until').orWhere('claimed_until', '<=', now)).orderBy('id').limit(limit)) as DbOutbox[];
  return rows.map(fromDb);
}

/**
 * At start: letters this instance (by its stable name) left "sending" when it last stopped, and any
 * from before claims were recorded, count as interrupted now instead of when their claim runs out.
 */
export async function adoptFormerClaims(db: Knex, owner: string, at: string): Promise<number> {
  return db('outbox').where({ status: 'sending' }).andWhere((w) => w.where({ claimed_by: owner }).orWhereNull('claimed_by')).update({ claimed_until: at });
}

/** An interrupted letter goes back to the queue (same Message-ID, same bytes); conditional on it still being interrupted. */
export async function requeueInterrupted(db: Knex, id: number, at: string): Promise<boolean> {
  return (await db('outbox').where({ id, status: 'sending' }).update({ status: 'queued', next_attempt_at: at, ...RELEASED })) === 1;
}

/**
 * The mail server delivered a copy of one of our letters back to our journal address: it accepted
 * the letter. Returns the letter, or null when the Message-ID is not one of ours.
 */
export async function confirmOwnCopy(db: Knex, messageId: string, at: string): Promise<{ id: number; caseId: number | null; status: OutboxStatus } | null> {
  const row = (await db('outbox').where({ message_id: messageId }).first('id', 'case_id', 'status', 'confirmed_at')) as { id: number; case_id: number | null; status: OutboxStatus; confirmed_at: string | null } | undefined;
  if (!row) return null;
  if (!row.confirmed_at) await db('outbox').where({ id: row.id }).update({ confirmed_at: at });
  return { id: row.id, caseId: row.case_id, status: row.status };
}

/** `confirmOwnCopy` for a batch of Message-IDs: the letters among them, by Message-ID, each confirmed. */
export async function confirmOwnCopies(db: Knex, messageIds: readonly string[], at: string): Promise<Map<string, { id: number; caseId: number | null }>> {
  const found = new Map<string, { id: number; caseId: number | null }>();
  if (messageIds.length === 0) return found;
  const rows = (await db('outbox').whereIn('message_id', [...new Set(messageIds)]).select('id', 'case_id', 'message_id', 'confirmed_at')) as Array<{ id: number; case_id: number | null; message_id: string; confirmed_at: string | null }>;
  // One row at a time in id order, as the sender records accepted letters. A single update of the
  // whole list locks its rows in the order PostgreSQL finds them on disk, which after a few updates
  // of each letter is any order, and two transactions locking the same rows in different orders
  // deadlock (seen under a flood: intake lost its connection each time).
  const unconfirmed = rows.filter((r) => !r.confirmed_at).map((r) => r.id).sort((a, b) => a - b);
  for (const id of unconfirmed) await db('outbox').where({ id }).update({ confirmed_at: at });
  for (const r of rows) found.set(r.message_id, { id: r.id, caseId: r.case_id });
  return found;
}

export async function lettersOfCase(db: Knex, caseId: number): Promise<Array<{ id: number; kind: LetterKind; status: OutboxStatus; subject: string; to: string; attempts: number; lastError: string | null }>> {
  const rows = (await db('outbox').where({ case_id: caseId }).orderBy('id')) as DbOutbox[];
  return rows.map((r) => ({ id: r.id, kind: r.kind, status: r.status, subject: r.subject, to: r.envelope_to, attempts: r.attempts, lastError: r.last_error }));
}

export interface OutboxListRow {
  id: number;
  caseNumber: string | null;
  kind: LetterKind;
  status: OutboxStatus;
  to: string[];
  subject: string;
  attempts: number;
  createdAt: string;
  sentAt: string | null;
  lastError: string | null;
}

/** `complaintd outbox list`: newest first, without the bytes. */
export async function listOutbox(db: Knex, filter: { status?: string; limit: number }): Promise<OutboxListRow[]> {
  const q = db('outbox').leftJoin('cases', 'cases.id', 'outbox.case_id')
    .select('outbox.id', 'cases.number', 'outbox.kind', 'outbox.status', 'outbox.envelope_to', 'outbox.subject', 'outbox.attempts', 'outbox.created_at', 'outbox.sent_at', 'outbox.last_error')
    .orderBy('outbox.id', 'desc').limit(filter.limit);
  if (filter.status) q.where('outbox.status', filter.status);
  const rows = (await q) as Array<{ id: number; number: string | null; kind: LetterKind; status: OutboxStatus; envelope_to: string; subject: string; attempts: number; created_at: string; sent_at: string | null; last_error: string | null }>;
  return rows.map((r) => ({
    id: r.id, caseNumber: r.number, kind: r.kind, status: r.status, to: r.envelope_to.split(',').filter(Boolean), subject: r.subject,
    attempts: r.attempts, createdAt: r.created_at, sentAt: r.sent_at, lastError: r.last_error,
  }));
}

export async function countOutbox(db: Knex, filter: { status?: string }): Promise<number> {
  const q = db('outbox').count({ n: '*' });
  if (filter.status) q.where({ status: filter.status });
  const row = (await q.first()) as { n: number | string } | undefined;
  return Number(row?.n ?? 0);
}

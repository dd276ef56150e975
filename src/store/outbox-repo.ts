// The outbox: every letter to send is a row written in the same transaction as the case change that
// caused it, with its Message-ID and bytes fixed, so a retry re-sends the same letter.
import type { Knex } from 'knex';

export type OutboxStatus = 'queued' | 'sending' | 'sent' | 'retry_wait' | 'failed';
export type LetterKind = 'acknowledgement' | 'staff_notice';

export interface NewLetter {
  caseId: number | null;
  kind: LetterKind;
  messageId: string;
  envelopeFrom: string;
  envelopeTo: string[];
  subject: string;
  raw: Buffer;
}

export interface OutboxRow extends NewLetter {
  id: number;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
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
      status: 'queued',
      attempts: 0,
      next_attempt_at: at,
      created_at: at,
    })
    .returning('id')) as Array<{ id: number }>;
  if (!row) throw new Error('outbox insert returned nothing');
  return row.id;
}

/** Takes due letters for sending. The status change is conditional, so two senders never take one letter. */
export async function claimDue(db: Knex, now: string, limit: number): Promise<OutboxRow[]> {
  const due = (await db('outbox').whereIn('status', ['queued', 'retry_wait']).where('next_attempt_at', '<=', now).orderBy('id').limit(limit)) as DbOutbox[];
  const claimed: OutboxRow[] = [];
  for (const row of due) {
    const n = await db('outbox').where({ id: row.id, status: row.status }).update({ status: 'sending', attempts: row.attempts + 1 });
    if (n === 1) claimed.push(fromDb({ ...row, status: 'sending', attempts: row.attempts + 1 }));
  }
  return claimed;
}

export async function markSent(db: Knex, id: number, response: string, at: string): Promise<void> {
  await db('outbox').where({ id }).update({ status: 'sent', smtp_response: response, sent_at: at, last_error: null });
}

export async function markRetry(db: Knex, id: number, error: string, nextAttemptAt: string): Promise<void> {
  await db('outbox').where({ id }).update({ status: 'retry_wait', last_error: error, next_attempt_at: nextAttemptAt });
}

export async function markFailed(db: Knex, id: number, error: string): Promise<void> {
  await db('outbox').where({ id }).update({ status: 'failed', last_error: error });
}

/**
 * A letter left in "sending" by a crash may or may not have reached the server. It is sent again
 * (same Message-ID, same bytes): a rare duplicate the client's mail program can recognise beats a
 * lost answer.
 */
export async function requeueInterrupted(db: Knex): Promise<number> {
  return db('outbox').where({ status: 'sending' }).update({ status: 'queued' });
}

export async function lettersOfCase(db: Knex, caseId: number): Promise<Array<{ id: number; kind: LetterKind; status: OutboxStatus; subject: string; to: string; attempts: number; lastError: string | null }>> {
  const rows = (await db('outbox').where({ case_id: caseId }).orderBy('id')) as DbOutbox[];
  return rows.map((r) => ({ id: r.id, kind: r.kind, status: r.status, subject: r.subject, to: r.envelope_to, attempts: r.attempts, lastError: r.last_error }));
}

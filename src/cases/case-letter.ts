// Queues a letter about a case: composed once with its Message-ID fixed, written to the outbox and
// recorded as an outgoing message of the case, its recipients added to the thread, in the caller's
// transaction.
import type { Knex } from 'knex';
import type { RenderedLetter } from '../templates/catalogue';
import { composeLetter, newMessageId } from '../outbox/compose';
import { queueLetter, type LetterKind } from '../store/outbox-repo';
import { insertMessage } from '../store/message-repo';
import { addParticipants } from '../store/participant-repo';

export interface CaseLetter {
  caseId: number;
  caseNumber: string;
  kind: LetterKind;
  from: { address: string; name: string };
  to: string[];
  replyTo: string | null;
  letter: RenderedLetter;
  /** The message this letter answers, if any: threads the letter in the reader's mail program. */
  inReplyTo: string | null;
  references: string[];
  autoSubmitted: 'auto-replied' | 'auto-generated';
  now: Date;
  /** Desk.backfill: recorded, never sent. */
  withheld?: string | null;
}

export async function queueCaseLetter(trx: Knex, l: CaseLetter): Promise<{ outboxId: number; messageId: string }> {
  const at = l.now.toISOString();
  const messageId = newMessageId(l.from.address, l.kind.replace(/_/g, '-'));
  const raw = await composeLetter({
    from: l.from, to: l.to, replyTo: l.replyTo, subject: l.letter.subject, text: l.letter.text, html: l.letter.html, inReplyTo: l.inReplyTo,
    references: l.references, autoSubmitted: l.autoSubmitted, caseNumber: l.caseNumber, messageId, date: l.now,
  });
  const outboxId = await queueLetter(trx, { caseId: l.caseId, kind: l.kind, messageId, envelopeFrom: l.from.address, envelopeTo: l.to, subject: l.letter.subject, raw, withheld: l.withheld ?? null }, at);
  await insertMessage(trx, {
    caseId: l.caseId, direction: 'out', kind: l.kind, dedupeKey: null, messageId, inReplyTo: l.inReplyTo ? [l.inReplyTo] : [], references: l.references,
    fromAddress: l.from.address, toAddresses: l.to, ccAddresses: [], subject: l.letter.subject, text: l.letter.text, reply: null, at, inboundId: null, outboxId,
  });
  // Whoever we write to is on the thread: their answers may carry the case tag.
  await addParticipants(trx, l.caseId, l.to, at);
  return { outboxId, messageId };
}

/**
 * A letter about no case (a system alert, a digest, the answer to a message too large to register):
 * queued the same way, recorded in the outbox only. An answer to a message threads under it.
 */
export async function queueSystemLetter(trx: Knex, l: { kind: LetterKind; from: { address: string; name: string }; to: string[]; letter: RenderedLetter; now: Date; withheld?: string | null; answers?: string | null }): Promise<number> {
  const messageId = newMessageId(l.from.address, l.kind.replace(/_/g, '-'));
  const answers = l.answers ?? null;
  const raw = await composeLetter({
    from: l.from, to: l.to, replyTo: null, subject: l.letter.subject, text: l.letter.text, html: l.letter.html, inReplyTo: answers,
    references: answers ? [answers] : [], autoSubmitted: answers ? 'auto-replied' : 'auto-generated', caseNumber: null, messageId, date: l.now,
  });
  return queueLetter(trx, { caseId: null, kind: l.kind, messageId, envelopeFrom: l.from.address, envelopeTo: l.to, subject: l.letter.subject, raw, withheld: l.withheld ?? null }, l.now.toISOString());
}

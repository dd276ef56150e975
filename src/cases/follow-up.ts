// Appends a message to the case it threads to: no new case, no new letter, and the history says
// why the message was matched to this case.
import type { Knex } from 'knex';
import type { ParsedMessage } from '../mail/parsed-message';
import { insertAttachments, insertMessage } from '../store/message-repo';
import { addHistory } from '../store/history-repo';
import { touchCase } from '../store/case-repo';

export interface FollowUpInput {
  caseId: number;
  inboundId: number;
  dedupeKey: string;
  parsed: ParsedMessage;
  /** Why it belongs to this case (threading's reason). */
  threadReason: string;
  /** Set for auto-replies and bounces: kept on the case, never answered. */
  automatedReason: string | null;
  now: Date;
}

export async function appendFollowUp(trx: Knex, input: FollowUpInput): Promise<void> {
  const { parsed } = input;
  const at = input.now.toISOString();
  const kind = input.automatedReason ? 'automated' : 'follow_up';
  const id = await insertMessage(trx, {
    caseId: input.caseId, direction: 'in', kind, dedupeKey: input.dedupeKey, messageId: parsed.messageId, inReplyTo: parsed.inReplyTo,
    references: parsed.references, fromAddress: parsed.from?.address ?? null, toAddresses: parsed.to.map((a) => a.address),
    subject: parsed.subject, text: parsed.text, at, inboundId: input.inboundId, outboxId: null,
  });
  await insertAttachments(trx, id, parsed.attachments);
  const reason = input.automatedReason
    ? `automated message recorded, not answered (${input.automatedReason}); ${input.threadReason}`
    : `follow-up from ${parsed.from?.address ?? 'unknown sender'}: ${input.threadReason}`;
  await addHistory(trx, input.caseId, at, { event: kind === 'automated' ? 'automated_recorded' : 'follow_up', actor: 'daemon', reason, details: { inboundId: input.inboundId, messageId: parsed.messageId } });
  await touchCase(trx, input.caseId, at);
}

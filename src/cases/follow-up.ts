// Appends a message to the case it threads to, and carries out what threading decided it does to the
// case (record, resume, reopen, or only thanks), with both reasons on the history.
import type { Knex } from 'knex';
import type { ParsedMessage } from '../mail/parsed-message';
import { insertAttachments, insertMessage } from '../store/message-repo';
import { addHistory } from '../store/history-repo';
import { setCaseStatus, touchCase } from '../store/case-repo';
import { addParticipants } from '../store/participant-repo';
import type { FollowUpEffect } from './follow-up-effect';

export interface FollowUpInput {
  caseId: number;
  inboundId: number;
  dedupeKey: string;
  parsed: ParsedMessage;
  reply: { text: string; quote: string; signature: string };
  /** Why it belongs to this case (threading's reason). */
  threadReason: string;
  /** Set for auto-replies and bounces: kept on the case, never answered. */
  automatedReason: string | null;
  effect: Exclude<FollowUpEffect, { kind: 'new_linked_case' }>;
  /** The message's From/To/Cc except our own addresses. */
  participants: string[];
  now: Date;
}

export async function appendFollowUp(trx: Knex, input: FollowUpInput): Promise<void> {
  const { parsed, effect } = input;
  const at = input.now.toISOString();
  const kind = input.automatedReason ? 'automated' : 'follow_up';
  const id = await insertMessage(trx, {
    caseId: input.caseId, direction: 'in', kind, dedupeKey: input.dedupeKey, messageId: parsed.messageId, inReplyTo: parsed.inReplyTo,
    references: parsed.references, fromAddress: parsed.from?.address ?? null, toAddresses: parsed.to.map((a) => a.address),
    ccAddresses: parsed.cc.map((a) => a.address), subject: parsed.subject, text: parsed.text, reply: input.reply, at, inboundId: input.inboundId, outboxId: null,
  });
  await insertAttachments(trx, id, parsed.attachments);
  const reason = input.automatedReason
    ? `automated message recorded, not answered (${input.automatedReason}); ${input.threadReason}`
    : `follow-up from ${parsed.from?.address ?? 'unknown sender'}: ${input.threadReason}`;
  const details = { inboundId: input.inboundId, messageId: parsed.messageId };
  await addHistory(trx, input.caseId, at, { event: kind === 'automated' ? 'automated_recorded' : 'follow_up', actor: 'daemon', reason, details });
  if (!input.automatedReason) await addParticipants(trx, input.caseId, input.participants, at);
  await touchCase(trx, input.caseId, at);

  if (effect.kind === 'resume') await setCaseStatus(trx, input.caseId, 'in_progress', at);
  if (effect.kind === 'reopen') await setCaseStatus(trx, input.caseId, 'reopened', at);
  if (effect.kind !== 'record') {
    await addHistory(trx, input.caseId, at, { event: effect.kind === 'thanks' ? 'thanks_recorded' : effect.kind === 'resume' ? 'resumed' : 'reopened', actor: 'daemon', reason: effect.reason, details });
  }
}

// Appends a message to the case it threads to and carries out what it does there: a client's or
// anyone else's letter may resume or reopen the case (or be only thanks) and is forwarded to the
// assignee or the department's queue; a staff member's letter acts by its commands; a refused one is
// kept and reported; automated mail is only recorded.
import type { Knex } from 'knex';
import type { ParsedMessage } from '../mail/parsed-message';
import { insertAttachments, insertMessage, type MessageKind } from '../store/message-repo';
import { addHistory } from '../store/history-repo';
import { findCaseById, touchCase, type CaseRow } from '../store/case-repo';
import { addParticipants } from '../store/participant-repo';
import type { FollowUpEffect } from './follow-up-effect';
import { renderCommandHelp } from './commands/command-table';
import { caseRecipients, toStaff } from './case-letters';
import { localeOf } from './case-view';
import { moveCase } from './move-case';
import { applyStaffLetter, refuseStaffLetter, type StaffLetterPlan } from './staff-letter';
import type { Desk } from './desk';
import { alertsForLetter } from '../alerts/case-alerts';

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
  /** Who wrote and what they may do; null for automated mail. */
  sender: StaffLetterPlan | null;
  /** The message's From/To/Cc except our own addresses. */
  participants: string[];
  now: Date;
}

export async function appendFollowUp(trx: Knex, desk: Desk, input: FollowUpInput): Promise<string> {
  const { parsed, sender } = input;
  const at = input.now.toISOString();
  const from = parsed.from?.address ?? 'unknown sender';
  const kase = await findCaseById(trx, input.caseId);
  if (!kase) throw new Error(`case ${input.caseId} vanished`);
  const kind: MessageKind = input.automatedReason ? 'automated' : sender?.kind === 'staff' ? 'staff_reply' : sender?.kind === 'cc_copy' ? 'staff_copy' : 'follow_up';
  const id = await insertMessage(trx, {
    caseId: kase.id, direction: 'in', kind, dedupeKey: input.dedupeKey, messageId: parsed.messageId, inReplyTo: parsed.inReplyTo,
    references: parsed.references, fromAddress: parsed.from?.address ?? null, toAddresses: parsed.to.map((a) => a.address),
    ccAddresses: parsed.cc.map((a) => a.address), subject: parsed.subject, text: parsed.text, reply: input.reply, at, inboundId: input.inboundId, outboxId: null,
  });
  await insertAttachments(trx, id, parsed.attachments);
  const details = { inboundId: input.inboundId, messageId: parsed.messageId };
  await touchCase(trx, kase.id, at);
  if (input.automatedReason || !sender) {
    await addHistory(trx, kase.id, at, { event: 'automated_recorded', actor: 'daemon', reason: `automated message recorded, not answered (${input.automatedReason ?? 'automated'}); ${input.threadReason}`, details });
    return `${input.threadReason}; automated, recorded only`;
  }
  await addParticipants(trx, kase.id, input.participants, at);
  if (sender.kind === 'staff') {
    await addHistory(trx, kase.id, at, { event: 'staff_letter', actor: sender.member.address, reason: `letter from ${sender.member.address} (staff, via ${sender.via}): ${input.threadReason}`, details });
    return applyStaffLetter(trx, desk, kase, sender, input.now);
  }
  if (sender.kind === 'cc_copy') {
    await addHistory(trx, kase.id, at, { event: 'staff_copy', actor: from, reason: sender.reason, details });
    return sender.reason;
  }
  await addHistory(trx, kase.id, at, { event: 'follow_up', actor: 'daemon', reason: `follow-up from ${from}: ${input.threadReason}`, details });
  if (sender.kind === 'refused') {
    await refuseStaffLetter(trx, desk, kase, sender, { from, messageId: parsed.messageId }, input.now);
    return `${input.threadReason}; ${sender.event}: ${sender.reason}`;
  }
  await carryOut(trx, desk, kase, input.effect, input.now);
  await forward(trx, desk, kase, input);
  await alertsForLetter(trx, desk, kase, { from, subject: parsed.subject, text: input.reply.text || parsed.text, isNewCase: false }, input.now);
  return `${input.threadReason}; ${input.effect.reason}`;
}

async function carryOut(trx: Knex, desk: Desk, kase: CaseRow, effect: FollowUpInput['effect'], now: Date): Promise<void> {
  if (effect.kind === 'resume') await moveCase(trx, desk, kase, { type: 'client_replied' }, { actor: 'daemon', why: effect.reason, now });
  if (effect.kind === 'reopen') await moveCase(trx, desk, kase, { type: 'client_reopened' }, { actor: 'daemon', why: effect.reason, now });
  if (effect.kind !== 'record') {
    await addHistory(trx, kase.id, now.toISOString(), { event: effect.kind === 'thanks' ? 'thanks_recorded' : effect.kind === 'resume' ? 'resumed' : 'reopened', actor: 'daemon', reason: effect.reason });
  }
}

/** The client's new words go to whoever works on the case, so they can answer by replying. */
async function forward(trx: Knex, desk: Desk, kase: CaseRow, input: FollowUpInput): Promise<void> {
  for (const r of caseRecipients(desk, kase)) {
    const locale = localeOf(r.locale, desk.defaultLocale);
    await toStaff(trx, desk, kase, r, {
      kind: 'staff_forward', template: 'staff-follow-up', now: input.now,
      data: {
        text: input.reply.text || input.parsed.text, fromAddress: input.parsed.from?.address ?? '', fromName: input.parsed.from?.name ?? '',
        effect: input.effect.kind === 'record' ? '' : input.effect.reason, commandsHelp: renderCommandHelp(locale),
        attachments: input.parsed.attachments.map((a) => ({ safeName: a.safeName, size: a.size })),
      },
    });
  }
}

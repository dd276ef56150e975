// The product in one screen. Each fetched message goes:
//   intake (ledger row) -> parse -> dedupe -> bounce of our letter? -> thread -> follow-up effect | classify -> store (case + outbox, one transaction) -> send
// intake/ fills the ledger, outbox/ drains the outbox; this file decides what happens to each message
// in between (process-pending.ts takes the pending rows in turn).
// Deciding (planInbound, reads only) is apart from doing (applyPlan), so `complaintd explain` shows
// exactly what the daemon would do with a message without doing it.
import type { Knex } from 'knex';
import type { Logger } from './log/logger';
import type { MessageParser } from './mail/bounded-parse';
import { decideTooLargeAnswer, tooLargeLetterData, tooLargeNote, tooLargeReason, TOO_LARGE_WHAT_TO_DO, type TooLargeMessage, type TooLargePolicy } from './cases/too-large';
import { queueAutoLetter, queueCaselessAutoLetter } from './hygiene/auto-letter-gate';
import { chooseLocale } from './templates/choose-locale';
import type { AutomatedVerdict } from './mail/auto-reply';
import { UnparseableMessageError } from './mail/errors';
import type { ParsedMessage } from './mail/parsed-message';
import type { CategorizeInput, CategoryVerdict } from './rules/verdict';
import type { ThreadDecision } from './cases/threading';
import { findThread, type ThreadingSettings } from './cases/find-thread';
import { decideFollowUpEffect, type FollowUpEffect } from './cases/follow-up-effect';
import { dedupeKeyOf } from './cases/dedupe-key';
import { registerComplaint, type RegisterInput } from './cases/register';
import { appendFollowUp } from './cases/follow-up';
import { readAutomated, type Bounce } from './hygiene/automated-mail';
import { findBouncedLetter } from './hygiene/bounced-letter';
import { recordBounce } from './hygiene/record-bounce';
import type { OutboxRow } from './store/outbox-repo';
import { planStaffLetter, type StaffLetterPlan } from './cases/staff-letter';
import type { Desk } from './cases/desk';
import type { TokenVerdict } from './staff/reply-token';
import { isOwnAddress } from './staff/reply-address';
import { earlierPendingFrom, holdPendingInbound, isHeaderBlockOnly, markInbound, settleHeldInbound, type InboundRow, type InboundStatus } from './store/inbound-repo';
import { isDedupeKeyKnown } from './store/message-repo';
import { findCaseById, lockCase, type CaseRow } from './store/case-repo';
import { confirmOwnCopy, findLetterByMessageId } from './store/outbox-repo';
import { ownCopyReason } from './outbox/own-copy';
import { alertQuarantine } from './alerts/quarantine-alert';

export interface ReplySplit {
  text: string;
  quote: string;
  signature: string;
}

export interface PipelineDeps {
  db: Knex;
  log: Logger;
  clock: () => Date;
  limits: { maxMessageBytes: number; maxAttachmentBytes: number };
  /** Parses in a thread with a time limit and a memory cap (mail/bounded-parse.ts). */
  parser: MessageParser;
  /** What the client of a message over limits.maxMessageBytes is told (cases/too-large.ts). */
  tooLarge: TooLargePolicy;
  desk: Desk;
  threading: ThreadingSettings & { reopenWindowDays: number; ownAddresses: string[]; separator: string };
  categorize(input: CategorizeInput): CategoryVerdict;
  /** The sender's new words apart from quoted history and signature, and whether they are only thanks. */
  readReply(body: { text: string; html: string | null }): { split: ReplySplit; thanksOnly: boolean };
  /** Unexpected failures on one message before it is quarantined instead of retried. */
  maxAttempts: number;
}

export interface Outcome {
  /** deferred: left pending for now, behind an earlier message of its sender (see takeRow). */
  status: Exclude<InboundStatus, 'pending'> | 'deferred';
  reason: string;
  caseNumber: string | null;
}

interface PlanBase {
  parsed: ParsedMessage;
  dedupeKey: string;
  automated: AutomatedVerdict;
  reply: ReplySplit;
  thanksOnly: boolean;
  token: TokenVerdict;
  thread: ThreadDecision | null;
}

export type InboundPlan = PlanBase & (
  | { outcome: 'duplicate' | 'automated' | 'quarantined'; reason: string }
  | { outcome: 'bounce'; reason: string; bounce: Bounce; letter: OutboxRow; via: string }
  | { outcome: 'follow_up'; reason: string; caseId: number; caseNumber: string; effect: Exclude<FollowUpEffect, { kind: 'new_linked_case' }>; sender: StaffLetterPlan | null }
  | { outcome: 'registered'; reason: string; verdict: CategoryVerdict; link: { caseId: number; caseNumber: string; relation: 'mentions' | 'continues'; reason: string } | null }
);

/**
 * Holds the row for this transaction. Null when it is this instance's to process now; otherwise what
 * became of it: processed meanwhile by another instance, or deferred behind an earlier message of the
 * same sender that is still pending (another instance holds it), so one sender's messages keep their
 * order across instances.
 */
async function takeRow(trx: Knex, row: InboundRow): Promise<Outcome | null> {
  const taken = await holdPendingInbound(trx, row.id);
  if (taken) return { status: taken, reason: 'processed meanwhile by another instance', caseNumber: null };
  const earlier = row.sender ? await earlierPendingFrom(trx, row.sender, row.id) : null;
  if (earlier !== null) return { status: 'deferred', reason: `waits for message #${earlier} of the same sender, still being processed`, caseNumber: null };
  return null;
}

export async function processInbound(deps: PipelineDeps, row: InboundRow): Promise<Outcome> {
  const now = deps.clock();
  // The journal copy of one of our own letters: proof the server took it, never a complaint.
  // Intake settles most copies as it records them; this is for rows it recorded as pending. The
  // look comes first, so a complaint pays one read for it, not a transaction (a savepoint in a group).
  if (!row.messageKey.startsWith('sha256:') && (await findLetterByMessageId(deps.db, row.messageKey))) {
    const settled = await deps.db.transaction(async (trx) => {
      const own = await confirmOwnCopy(trx, row.messageKey, now.toISOString());
      if (!own) return null;
      const reason = ownCopyReason(own.id);
      await markInbound(trx, row.id, 'own_copy', reason, own.caseId, now.toISOString());
      return reason;
    });
    if (settled) return { status: 'own_copy', reason: settled, caseNumber: null };
  }
  if (isHeaderBlockOnly(row)) return processTooLarge(deps, row, now);
  let parsed: ParsedMessage;
  try {
    parsed = await deps.parser.parse(row.raw, deps.limits);
  } catch (err) {
    if (!(err instanceof UnparseableMessageError)) throw err;
    await deps.db.transaction(async (trx) => {
      await markInbound(trx, row.id, 'quarantined', err.reason, null, now.toISOString());
      await alertQuarantine(trx, deps, row, err.reason, now);
    });
    return { status: 'quarantined', reason: err.reason, caseNumber: null };
  }
  return deps.db.transaction(async (trx) => {
    const instead = await takeRow(trx, row);
    if (instead) return instead;
    let plan = await planInbound(trx, deps, parsed, now, row.raw);
    // A follow-up changes its case: hold the case and plan again on what is committed now, so a
    // scheduled job or a staff command on the same case (at once, on PostgreSQL) cannot interleave.
    if (plan.outcome === 'follow_up') {
      await lockCase(trx, { id: plan.caseId });
      plan = await planInbound(trx, deps, parsed, now, row.raw);
    }
    for (const note of plan.thread?.notes ?? []) deps.log.warn('thread.token_ignored', { inbound: row.id, note });
    // A refused attempt to act as staff is a security event in the log too, under its stable name.
    if (plan.outcome === 'follow_up' && plan.sender?.kind === 'refused') deps.log.warn(plan.sender.event, { inbound: row.id, case: plan.caseNumber, reason: plan.sender.reason });
    const { caseId: _caseId, ...outcome } = await applyPlan(trx, deps, row, plan, now);
    return outcome;
  });
}

/**
 * A message over the size limit, known by its header block: planned like any message on its
 * headers, with a note for its text, then always quarantined (it stays whole in the mailbox) with
 * staff alerted, and the client answered by the too-large policy through the usual hygiene gates.
 */
async function processTooLarge(deps: PipelineDeps, row: InboundRow, now: Date): Promise<Outcome> {
  const message: TooLargeMessage = { size: row.size, limit: deps.limits.maxMessageBytes, mailbox: row.mailbox, uid: row.uid };
  let reason = tooLargeReason(message);
  let parsed: ParsedMessage | null = null;
  try {
    parsed = await deps.parser.parse(row.raw, deps.limits);
  } catch (err) {
    if (!(err instanceof UnparseableMessageError)) throw err;
    reason = `${reason}; its header block is unreadable too: ${err.reason}`;
  }
  return deps.db.transaction(async (trx) => {
    const instead = await takeRow(trx, row);
    if (instead) return instead;
    let kase: { id: number; number: string } | null = null;
    if (parsed) {
      const note = { ...parsed, text: tooLargeNote(message) };
      const plan = await planInbound(trx, deps, note, now, row.raw);
      const fromClient = plan.outcome === 'follow_up' && plan.sender?.kind === 'ordinary' && (await findCaseById(trx, plan.caseId))?.clientAddress === parsed.from?.address;
      const answer = decideTooLargeAnswer({ ...plan, fromClient }, deps.tooLarge);
      const data = tooLargeLetterData(message, answer.kind !== 'tell', parsed.subject);
      if (answer.kind === 'register' || answer.kind === 'follow_up') {
        const done = await applyPlan(trx, deps, row, plan, now, { template: 'client-too-large', data });
        kase = done.caseNumber && done.caseId ? { id: done.caseId, number: done.caseNumber } : null;
        reason = `${reason}; ${answer.kind === 'register' ? 'registered from its headers' : 'recorded'} as ${done.caseNumber ?? '?'}: ${done.reason}`;
      }
      if (answer.kind === 'follow_up' && answer.tellClient && kase) {
        const onCase = await findCaseById(trx, kase.id);
        if (onCase) await queueAutoLetter(trx, deps.desk, onCase, { kind: 'acknowledgement', template: 'client-too-large', data, now });
      }
      if (answer.kind === 'tell' && parsed.from) {
        const told = await tellTooLarge(trx, deps.desk, parsed, parsed.from, data, now);
        reason = `${reason}; not registered (mail.tooLarge: too-large): ${'queued' in told ? 'the sender was told how to send it' : `the letter to the sender was held back: ${told.held}`}`;
      }
      if (answer.kind === 'none') reason = `${reason}; nobody answered: ${answer.why}`;
    }
    // Registered (or recorded) from its headers above, and still quarantined: the message stays whole in Quarantine.
    await settleHeldInbound(trx, row.id, 'quarantined', reason, kase?.id ?? null, now.toISOString());
    await alertQuarantine(trx, deps, row, reason, now, TOO_LARGE_WHAT_TO_DO);
    return { status: 'quarantined' as const, reason, caseNumber: kase?.number ?? null };
  });
}

async function tellTooLarge(trx: Knex, desk: Desk, parsed: ParsedMessage, from: NonNullable<ParsedMessage['from']>, data: Record<string, unknown>, now: Date): Promise<{ queued: number } | { held: string }> {
  const locale = chooseLocale({ localeFrom: desk.localeFrom, defaultLocale: desk.defaultLocale, available: desk.catalogue.locales }, parsed.language);
  const letter = desk.catalogue.render('client-too-large', locale, { ...data, client: { name: from.name }, org: { name: desk.from.name || desk.orgName } });
  return queueCaselessAutoLetter(trx, desk, { to: from.address, letter, answers: parsed.messageId, now });
}

/** What the daemon will do with a parsed message, and why. Reads the store, writes nothing. */
export async function planInbound(db: Knex, deps: Pick<PipelineDeps, 'threading' | 'categorize' | 'readReply' | 'desk'>, parsed: ParsedMessage, now: Date, raw: Buffer): Promise<InboundPlan> {
  const dedupeKey = dedupeKeyOf(parsed);
  const reading = readAutomated(parsed, raw, (a) => isOwnAddress(a, deps.threading.ownAddresses, deps.threading.separator));
  let automated = reading.verdict;
  const { split: reply, thanksOnly } = deps.readReply({ text: parsed.text, html: parsed.html });
  const base = { parsed, dedupeKey, automated, reply, thanksOnly, token: { status: 'none' } as TokenVerdict, thread: null };
  if (await isDedupeKeyKnown(db, dedupeKey)) return { ...base, outcome: 'duplicate', reason: `already registered (${dedupeKey})` };
  // A bounce belongs to the letter it returns, whatever its own headers would thread to.
  if (reading.kind.kind === 'bounce') {
    const found = await findBouncedLetter(db, deps.desk.from.address, parsed, reading.kind);
    if (found.letter) return { ...base, outcome: 'bounce', reason: `a bounce of our letter #${found.letter.id}, found by ${found.via}: ${automated.reason ?? ''}`, bounce: reading.kind, letter: found.letter, via: found.via };
    automated = { automated: true, reason: `${automated.reason ?? 'bounce'} naming no letter of ours (${found.why})` };
  }

  const { decision: thread, token } = await findThread(db, deps.threading, parsed, now);
  const threaded = { ...base, automated, token, thread };
  let link: Extract<InboundPlan, { outcome: 'registered' }>['link'] = thread.kind === 'new' && thread.linkTo ? { ...thread.linkTo, relation: 'mentions' } : null;
  if (thread.kind === 'follow_up') {
    const kase = await liveCase(db, thread.caseId);
    const reason = kase.id === thread.caseId ? thread.reason : `${thread.reason}; that case was merged into ${kase.number}`;
    const followUp = { ...threaded, outcome: 'follow_up' as const, reason, caseId: kase.id, caseNumber: kase.number };
    const sender = automated.automated ? null : await planStaffLetter(db, deps.desk, kase, { parsed, newText: reply.text, token, now });
    // Staff, a refused impostor or a colleague's copy never reopen or start a case: only the client's side does.
    if (sender && sender.kind !== 'ordinary') return { ...followUp, effect: { kind: 'record', reason: 'a staff letter' }, sender };
    const effect = decideFollowUpEffect({
      status: kase.status, decidedAt: kase.decidedAt, closedAt: kase.closedAt, automated: automated.automated, thanksOnly,
      reopenWindowDays: deps.threading.reopenWindowDays, now,
    });
    if (effect.kind !== 'new_linked_case') return { ...followUp, effect, sender };
    link = { caseId: kase.id, caseNumber: kase.number, relation: 'continues', reason: effect.reason };
  }
  if (automated.automated) return { ...threaded, outcome: 'automated', reason: `not a complaint: ${automated.reason ?? 'automated message'}` };
  // A complaint we can neither answer nor attribute to anyone cannot be registered.
  if (!parsed.from) return { ...threaded, outcome: 'quarantined', reason: 'no sender address' };

  // A letter that answers an old thread is judged by its new words, not by the history it quotes.
  const text = thread.kind === 'follow_up' && reply.text.trim() !== '' ? reply.text : parsed.text;
  const verdict = deps.categorize({ subject: parsed.subject, text, fromAddress: parsed.from.address, headers: parsed.headers, attachmentNames: parsed.attachments.map((a) => a.safeName) });
  return { ...threaded, outcome: 'registered', reason: link ? link.reason : thread.reason, verdict, link };
}

async function applyPlan(trx: Knex, deps: PipelineDeps, row: InboundRow, plan: InboundPlan, now: Date, acknowledgement?: RegisterInput['acknowledgement']): Promise<Outcome & { caseId: number | null }> {
  const finish = async (status: Exclude<InboundStatus, 'pending'>, reason: string, caseId: number | null, caseNumber: string | null): Promise<Outcome & { caseId: number | null }> => {
    await markInbound(trx, row.id, status, reason, caseId, now.toISOString());
    return { status, reason, caseNumber, caseId };
  };
  const { parsed } = plan;
  const participants = [parsed.from, ...parsed.to, ...parsed.cc]
    .flatMap((a) => (a ? [a.address] : []))
    .filter((a) => !isOwnAddress(a, deps.threading.ownAddresses, deps.threading.separator));
  switch (plan.outcome) {
    case 'quarantined':
      await alertQuarantine(trx, deps, row, plan.reason, now);
      return finish(plan.outcome, plan.reason, null, null);
    case 'duplicate':
    case 'automated':
      return finish(plan.outcome, plan.reason, null, null);
    case 'bounce': {
      const { reason, kase } = await recordBounce(trx, deps.desk, { inboundId: row.id, dedupeKey: plan.dedupeKey, parsed, reply: plan.reply, bounce: plan.bounce, letter: plan.letter, via: plan.via, now });
      return finish('bounce', reason, kase?.id ?? null, kase?.number ?? null);
    }
    case 'follow_up': {
      const reason = await appendFollowUp(trx, deps.desk, {
        caseId: plan.caseId, inboundId: row.id, dedupeKey: plan.dedupeKey, parsed, reply: plan.reply, threadReason: plan.reason,
        automatedReason: plan.automated.automated ? plan.automated.reason : null, effect: plan.effect, sender: plan.sender, participants, now,
      });
      return finish('follow_up', reason, plan.caseId, plan.caseNumber);
    }
    case 'registered': {
      const from = parsed.from;
      if (!from) throw new Error('a registrable complaint has a sender');
      const kase = await registerComplaint(trx, deps.desk, {
        inboundId: row.id, receivedAt: row.receivedAt, dedupeKey: plan.dedupeKey, parsed, from, verdict: plan.verdict,
        threadReason: plan.reason, reply: plan.reply, participants, link: plan.link, acknowledgement, now,
      });
      return finish('registered', `case ${kase.number}: ${plan.verdict.reason}`, kase.id, kase.number);
    }
  }
}

/** The case a message threads to, or the one it was merged into (a merge may have been merged again). */
async function liveCase(db: Knex, caseId: number): Promise<CaseRow> {
  let kase = await findCaseById(db, caseId);
  for (let hops = 0; kase && kase.status === 'merged' && kase.mergedInto !== null && hops < 10; hops++) kase = await findCaseById(db, kase.mergedInto);
  if (!kase) throw new Error(`case ${caseId} vanished while threading`);
  return kase;
}

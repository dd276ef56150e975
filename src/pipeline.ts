// The product in one screen. Each fetched message goes:
//   intake (ledger row) -> parse -> thread -> classify -> store (case + outbox, one transaction) -> send
// intake/ fills the ledger, outbox/ drains the outbox; this file decides what happens in between.
import type { Knex } from 'knex';
import type { Logger } from './log/logger';
import { parseMessage } from './mail/parse';
import { detectAutomated } from './mail/auto-reply';
import { UnparseableMessageError } from './mail/errors';
import type { ParsedMessage } from './mail/parsed-message';
import type { CategorizeInput, CategoryVerdict } from './rules/verdict';
import { decideThread, type ThreadDecision } from './cases/threading';
import { caseTagsIn } from './cases/case-number';
import { dedupeKeyOf } from './cases/dedupe-key';
import { registerComplaint, type RegisterSettings } from './cases/register';
import { appendFollowUp } from './cases/follow-up';
import { countFailedAttempt, markInbound, pendingInbound, type InboundRow, type InboundStatus } from './store/inbound-repo';
import { casesByMessageIds, isDedupeKeyKnown } from './store/message-repo';
import { findCaseById, findCasesByNumbers } from './store/case-repo';

export interface PipelineDeps {
  db: Knex;
  log: Logger;
  clock: () => Date;
  limits: { maxMessageBytes: number; maxAttachmentBytes: number };
  register: RegisterSettings;
  categorize(input: CategorizeInput): CategoryVerdict;
  /** Unexpected failures on one message before it is quarantined instead of retried. */
  maxAttempts: number;
}

export interface Outcome {
  status: Exclude<InboundStatus, 'pending'>;
  reason: string;
  caseNumber: string | null;
}

/** Processes pending ledger rows in arrival order until none are left or `shouldStop` says so. */
export async function processPending(deps: PipelineDeps, shouldStop: () => boolean): Promise<number> {
  let done = 0;
  while (!shouldStop()) {
    const rows = await pendingInbound(deps.db, 20);
    if (rows.length === 0) break;
    for (const row of rows) {
      if (shouldStop()) return done;
      // After an unexpected failure the pass ends, so the retry comes on the next tick rather than
      // in a tight loop that would use up the attempts of a passing hiccup at once.
      if (!(await processOneSafely(deps, row))) return done;
      done++;
    }
  }
  return done;
}

async function processOneSafely(deps: PipelineDeps, row: InboundRow): Promise<boolean> {
  const log = deps.log.child({ component: 'pipeline', inbound: row.id, uid: row.uid });
  try {
    const outcome = await processInbound(deps, row);
    log.info(`inbound.${outcome.status}`, { case: outcome.caseNumber, reason: outcome.reason });
    return true;
  } catch (err) {
    // Not the message's fault as far as we know (a bug, a database hiccup): retry it a few times,
    // then quarantine, so one poisonous letter cannot stop the mailbox.
    const message = (err as Error).message;
    const attempts = await countFailedAttempt(deps.db, row.id, message);
    if (attempts >= deps.maxAttempts) {
      await markInbound(deps.db, row.id, 'quarantined', `processing failed ${attempts} times: ${message}`, null, deps.clock().toISOString());
      log.error('inbound.quarantined_after_errors', { attempts, error: message });
    } else {
      log.warn('inbound.processing_failed', { attempts, error: message });
    }
    return false;
  }
}

export async function processInbound(deps: PipelineDeps, row: InboundRow): Promise<Outcome> {
  const now = deps.clock();
  let parsed: ParsedMessage;
  try {
    parsed = await parseMessage(row.raw, deps.limits);
  } catch (err) {
    if (!(err instanceof UnparseableMessageError)) throw err;
    await markInbound(deps.db, row.id, 'quarantined', err.reason, null, now.toISOString());
    return { status: 'quarantined', reason: err.reason, caseNumber: null };
  }
  const dedupeKey = dedupeKeyOf(parsed);
  const automated = detectAutomated(parsed);

  return deps.db.transaction(async (trx) => {
    const finish = async (status: Outcome['status'], reason: string, caseId: number | null, caseNumber: string | null): Promise<Outcome> => {
      await markInbound(trx, row.id, status, reason, caseId, now.toISOString());
      return { status, reason, caseNumber };
    };
    if (await isDedupeKeyKnown(trx, dedupeKey)) return finish('duplicate', `already registered (${dedupeKey})`, null, null);

    const thread = await findThread(trx, parsed, deps.register.numberPrefix);
    if (thread.kind === 'follow_up') {
      await appendFollowUp(trx, { caseId: thread.caseId, inboundId: row.id, dedupeKey, parsed, threadReason: thread.reason, automatedReason: automated.reason, now });
      return finish('follow_up', thread.reason, thread.caseId, thread.caseNumber);
    }
    if (automated.automated) return finish('automated', `not a complaint: ${automated.reason ?? 'automated message'}`, null, null);
    // A complaint we can neither answer nor attribute to anyone cannot be registered.
    if (!parsed.from) return finish('quarantined', 'no sender address', null, null);

    const verdict = deps.categorize({
      subject: parsed.subject,
      text: parsed.text,
      fromAddress: parsed.from?.address ?? '',
      headers: parsed.headers,
      attachmentNames: parsed.attachments.map((a) => a.safeName),
    });
    const kase = await registerComplaint(trx, deps.register, { inboundId: row.id, receivedAt: row.receivedAt, dedupeKey, parsed, from: parsed.from, verdict, threadReason: thread.reason, now });
    return finish('registered', `case ${kase.number}: ${verdict.reason}`, kase.id, kase.number);
  });
}

/** Gathers what threading needs to know from the store, then lets the pure decision decide. */
async function findThread(trx: Knex, parsed: ParsedMessage, prefix: string): Promise<ThreadDecision> {
  const inReplyTo = new Set(parsed.inReplyTo);
  const ids = [...new Set([...parsed.inReplyTo, ...parsed.references])];
  const byId = await casesByMessageIds(trx, ids);
  const headerMatches = [];
  for (const m of byId) {
    const kase = await findCaseById(trx, m.caseId);
    if (kase) headerMatches.push({ caseId: kase.id, caseNumber: kase.number, messageId: m.messageId, direction: m.direction, via: inReplyTo.has(m.messageId) ? ('in-reply-to' as const) : ('references' as const) });
  }
  const tagged = await findCasesByNumbers(trx, caseTagsIn(parsed.subject, prefix));
  return decideThread({
    fromAddress: parsed.from?.address ?? '',
    headerMatches,
    tagMatches: tagged.map((c) => ({ caseId: c.id, caseNumber: c.number, clientAddress: c.clientAddress })),
  });
}

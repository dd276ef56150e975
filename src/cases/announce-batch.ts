// New-case announcements under a flood (staff.announcements.batchSeconds): a reader who was told of
// a new case less than the window ago is not sent a letter per case; the cases wait in a scheduled
// job, due a window after the last letter, that sends one letter listing them all. In quiet times
// each case still goes out at once. The job row is the durable hand-off: a restart loses no case
// and sends no list twice.
import type { Knex } from 'knex';
import type { JobHandler } from '../deadlines/scheduler';
import { holdJob, pendingJobsOfKind, scheduleJob, setJobPayload } from '../store/job-repo';
import { lastLetterAt } from '../store/outbox-repo';
import { findCaseById, type CaseRow } from '../store/case-repo';
import { addHistory } from '../store/history-repo';
import { queueSystemLetter } from './case-letter';
import { signedReplyTo } from '../staff/reply-address';
import type { TokenFor } from '../staff/reply-token';
import { caseView, localeOf } from './case-view';
import type { StaffRecipient } from './case-letters';
import type { Desk } from './desk';

export const ANNOUNCE_BATCH_JOB = 'announce_batch';

/**
 * When the announcement of a new case to one reader goes out: null for now, in a letter of its own;
 * otherwise the time of the list it joins, one window after the reader's last letter (a list
 * already waiting is due at exactly that time, as its letter is not sent yet).
 */
export function announcementDue(s: { lastLetterAt: Date | null; now: Date; windowMs: number }): Date | null {
  if (s.windowMs <= 0 || !s.lastLetterAt) return null;
  const due = s.lastLetterAt.getTime() + s.windowMs;
  return due > s.now.getTime() ? new Date(due) : null;
}

interface ListedCase {
  caseId: number;
  token: TokenFor;
}

interface ListPayload {
  recipient: string;
  locale: string;
  cases: ListedCase[];
}

function jobKey(recipient: string, dueAt: Date): string {
  return `${recipient.toLowerCase()}|${dueAt.toISOString()}`;
}

/**
 * Puts the case on the reader's waiting list when the window says so; false when it is to be
 * announced now, in a letter of its own. Runs in the registration's transaction.
 */
export async function listForLater(trx: Knex, desk: Desk, kase: CaseRow, r: StaffRecipient, now: Date): Promise<boolean> {
  // An import's letters are withheld one by one as it registers; a list sent later by the daemon would not be.
  if (desk.announceBatchMs <= 0 || desk.backfill !== null) return false;
  const due = announcementDue({ lastLetterAt: await lastLetterAt(trx, { kind: 'staff_notice', to: r.address }), now, windowMs: desk.announceBatchMs });
  if (!due) return false;
  const job = { kind: ANNOUNCE_BATCH_JOB, caseId: null, key: jobKey(r.address, due), dueAt: due };
  // Found by its exact key; held for the rest of the transaction, so two instances adding to one list do not lose a case.
  const waiting = await holdJob(trx, job);
  const entry: ListedCase = { caseId: kase.id, token: r.token };
  if (!waiting) {
    const payload: ListPayload = { recipient: r.address, locale: r.locale, cases: [entry] };
    await scheduleJob(trx, { ...job, payload: { ...payload } }, now.toISOString());
  } else if (waiting.state === 'pending') {
    const payload = waiting.payload as unknown as ListPayload;
    await setJobPayload(trx, waiting.id, { ...payload, cases: [...payload.cases, entry] });
  } else {
    // The list is being sent this very moment: too late to join it, so this case goes on its own.
    return false;
  }
  await addHistory(trx, kase.id, now.toISOString(), { event: 'staff_notice_listed', actor: 'daemon', reason: `new-case announcement to ${r.address} waits for the list due ${due.toISOString()} (staff.announcements.batchSeconds)` });
  return true;
}

/** The lists still waiting: who gets each, how many cases it has so far, and when it goes out. */
export async function waitingLists(db: Knex): Promise<Array<{ recipient: string; cases: number; dueAt: string }>> {
  return (await pendingJobsOfKind(db, ANNOUNCE_BATCH_JOB)).map((job) => {
    const payload = job.payload as unknown as ListPayload;
    return { recipient: payload.recipient, cases: payload.cases.length, dueAt: job.dueAt };
  });
}

/** The scheduled job: one letter listing the reader's waiting cases, as each stands now. */
export function announceBatchHandler(desk: Desk): JobHandler {
  return async (trx, job, now) => {
    const payload = job.payload as unknown as ListPayload;
    const locale = localeOf(payload.locale, desk.defaultLocale);
    const cases: Array<Record<string, unknown>> = [];
    for (const listed of payload.cases) {
      const kase = await findCaseById(trx, listed.caseId);
      if (!kase) continue;
      const view = caseView(desk, kase, locale, now);
      cases.push({ ...view.case, replyTo: signedReplyTo(desk.tokens, { ...listed.token, now }) });
    }
    if (cases.length === 0) return `no case left to announce to ${payload.recipient}`;
    const letter = desk.catalogue.render('staff-new-cases', locale, { cases, count: cases.length, org: { name: desk.from.name || desk.orgName } });
    await queueSystemLetter(trx, { kind: 'staff_notice', from: desk.from, to: [payload.recipient], letter, now });
    for (const listed of payload.cases) {
      await addHistory(trx, listed.caseId, now.toISOString(), { event: 'staff_notified', actor: 'daemon', reason: `new-case announcement queued to ${payload.recipient} in a letter listing ${cases.length} new case(s)` });
    }
    return `listed ${cases.length} new case(s) to ${payload.recipient}`;
  };
}

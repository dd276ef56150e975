// Keeps a case's reminder and escalation jobs in step with its deadline: planned from the pure
// deadline math whenever the deadline may have changed (registration, a wait for the client begun or
// ended, #deadline), pending ones moved, ones no longer wanted cancelled, done ones never revived.
import type { Knex } from 'knex';
import type { CaseRow } from '../store/case-repo';
import { cancelJobs, scheduleJob } from '../store/job-repo';
import { plannedDeadlineJobs } from '../deadlines/deadline-jobs';
import { timingOf, timingOfNew } from './case-deadline';
import type { CaseTiming } from '../deadlines/deadline';
import type { Desk } from './desk';

export const REMINDER_JOB = 'deadline_reminder';
export const ESCALATION_JOB = 'deadline_escalation';
const DEADLINE_JOBS = [REMINDER_JOB, ESCALATION_JOB];

/** Statuses whose deadline still runs: the client has no answer yet. */
const RUNNING = new Set(['new', 'in_progress', 'awaiting_info', 'awaiting_approval', 'reopened']);

export async function planDeadlineJobs(trx: Knex, desk: Desk, kase: CaseRow, now: Date): Promise<number> {
  // Cancelling first and rescheduling revives nothing done: a done job stays done under its key.
  await cancelJobs(trx, kase.id, DEADLINE_JOBS);
  return scheduleDeadlineJobs(trx, desk, kase, await timingOf(trx, kase), now);
}

/**
 * The first plan, for a case registered in this transaction: it has no jobs to cancel and no waits
 * yet, so the store is not asked (two statements of a registration's thirty, under a flood).
 */
export async function planFirstDeadlineJobs(trx: Knex, desk: Desk, kase: CaseRow, now: Date): Promise<number> {
  return scheduleDeadlineJobs(trx, desk, kase, timingOfNew(kase), now);
}

async function scheduleDeadlineJobs(trx: Knex, desk: Desk, kase: CaseRow, timing: CaseTiming, now: Date): Promise<number> {
  const at = now.toISOString();
  // Historic mail being imported: its deadlines passed long ago, and a reminder would be a letter.
  if (!RUNNING.has(kase.status) || desk.backfill !== null) return 0;
  const jobs = plannedDeadlineJobs(timing, desk.deadlines, desk.calendar, now);
  for (const job of jobs) {
    await scheduleJob(trx, { kind: job.kind === 'reminder' ? REMINDER_JOB : ESCALATION_JOB, caseId: kase.id, key: `${job.key}@${kase.deadlineAt ?? ''}`, dueAt: job.dueAt }, at);
  }
  return jobs.length;
}

// Every change of a case's status goes through here: the state machine allows it or refuses, and
// what hangs on the status follows in the same transaction: waiting for the client stops the
// deadline, its end starts it again, a decision schedules the closing, and an ended case drops its
// scheduled work. The history says who moved it, from where to where, and why.
import type { Knex } from 'knex';
import { setCaseStatus, type CaseRow } from '../store/case-repo';
import { addHistory } from '../store/history-repo';
import { endPause, startPause } from '../store/pause-repo';
import { cancelJobs, scheduleJob } from '../store/job-repo';
import { transition, isOpen, type CaseEvent, type CaseStatus } from './case-state';
import { refreshDeadline } from './case-deadline';
import { planDeadlineJobs } from './deadline-schedule';
import type { Desk } from './desk';

export const AUTO_CLOSE_JOB = 'auto_close';
const DAY_MS = 86_400_000;

export class ImpossibleTransitionError extends Error {
  override name = 'ImpossibleTransitionError';
}

/** Moves the case by `event`; returns the new status. Throws when the state machine refuses. */
export async function moveCase(trx: Knex, desk: Desk, kase: CaseRow, event: CaseEvent, m: { actor: string; why: string; now: Date }): Promise<CaseStatus> {
  const from = kase.status;
  const moved = transition(from, event);
  if (!moved.ok) throw new ImpossibleTransitionError(moved.reason.en);
  const to = moved.status;
  const at = m.now.toISOString();
  await setCaseStatus(trx, kase.id, to, at);
  kase.status = to;
  if (from === 'awaiting_info' && to !== 'awaiting_info') {
    await endPause(trx, kase.id, at);
    await refreshDeadline(trx, desk, kase, m.now);
  }
  if (to === 'awaiting_info') await startPause(trx, kase.id, at);
  if (to === 'decided' && desk.autoCloseDays > 0) {
    await scheduleJob(trx, { kind: AUTO_CLOSE_JOB, caseId: kase.id, key: at, dueAt: new Date(m.now.getTime() + desk.autoCloseDays * DAY_MS) }, at);
  }
  if (to === 'reopened') await cancelJobs(trx, kase.id, [AUTO_CLOSE_JOB]);
  if (!isOpen(to)) await cancelJobs(trx, kase.id);
  // A wait begun or ended, a decision or a reopening changes what the deadline calls for.
  else if (from !== to) await planDeadlineJobs(trx, desk, kase, m.now);
  if (from !== to) await addHistory(trx, kase.id, at, { event: 'status_changed', actor: m.actor, reason: `${from} -> ${to}: ${m.why}`, details: { from, to, event: event.type } });
  return to;
}

// What the deadline jobs do when they come due: a reminder to whoever works on the case, and, when
// the deadline passes without an answer, the escalation to the department's supervisor. Each checks
// the case again first: a case answered, closed or waiting for the client meanwhile is left alone.
import type { JobHandler } from '../deadlines/scheduler';
import { effectiveDeadline } from '../deadlines/deadline';
import { findCaseById } from '../store/case-repo';
import { addHistory } from '../store/history-repo';
import { raiseAlert } from '../alerts/raise-alert';
import { timingOf } from './case-deadline';
import { caseRecipients, toStaff } from './case-letters';
import { describeTimeLeft } from '../deadlines/time-left';
import type { Desk } from './desk';

const ANSWERED = new Set(['decided', 'closed', 'merged']);

export function reminderHandler(desk: Desk): JobHandler {
  return async (trx, job, now) => {
    const kase = job.caseId === null ? null : await findCaseById(trx, job.caseId);
    if (!kase || ANSWERED.has(kase.status) || kase.status === 'awaiting_info') return `no reminder: case ${kase?.number ?? job.caseId} is ${kase?.status ?? 'gone'}`;
    const point = job.key.split('@')[0] ?? job.key;
    for (const r of caseRecipients(desk, kase)) {
      await toStaff(trx, desk, kase, r, { kind: 'deadline_reminder', template: 'staff-deadline-reminder', now, data: { point } });
    }
    await addHistory(trx, kase.id, now.toISOString(), { event: 'deadline_reminder', actor: 'daemon', reason: `reminder (${point}) sent: the answer is due ${kase.deadlineAt ?? ''}` });
    return `reminder ${point} for ${kase.number}`;
  };
}

export function escalationHandler(desk: Desk): JobHandler {
  return async (trx, job, now) => {
    const kase = job.caseId === null ? null : await findCaseById(trx, job.caseId);
    if (!kase || ANSWERED.has(kase.status)) return `no escalation: case ${kase?.number ?? job.caseId} is ${kase?.status ?? 'gone'}`;
    const { deadline } = effectiveDeadline(await timingOf(trx, kase), now, desk.calendar, desk.deadlines);
    // A wait for the client or a #deadline moved it meanwhile: the new plan has its own escalation.
    if (deadline > now) return `no escalation: ${kase.number} is now due ${deadline.toISOString()}`;
    const overdue = describeTimeLeft(deadline, now, 'en', desk.calendar);
    await raiseAlert(trx, desk, {
      kind: 'deadline_breach', rule: `deadline passed (${deadline.toISOString()})`, dedupe: `deadline_breach:${kase.id}:${deadline.toISOString()}`,
      reason: `no decision on ${kase.number} by its deadline; ${overdue}; status ${kase.status}, assignee ${kase.assignee ?? 'none (the department queue)'}`,
      whatToDo: 'Make sure someone decides it today (#assign, #decision), or agree a new deadline with the client (#deadline with the reason: the client is told).',
    }, kase, now);
    return `escalated ${kase.number}`;
  };
}

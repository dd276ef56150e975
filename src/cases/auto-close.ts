// A decided case closes by itself after a quiet period: the scheduled job made when it was decided.
// A client who writes with a new problem reopens the case, which cancels the job; only thanks leave
// it decided, and then it closes on time.
import type { JobHandler } from '../deadlines/scheduler';
import { findCaseById } from '../store/case-repo';
import { moveCase } from './move-case';
import type { Desk } from './desk';

export function autoCloseHandler(desk: Desk): JobHandler {
  return async (trx, job, now) => {
    const kase = job.caseId === null ? null : await findCaseById(trx, job.caseId);
    if (!kase || kase.status !== 'decided') return `nothing to close: case ${kase?.number ?? job.caseId} is ${kase?.status ?? 'gone'}`;
    await moveCase(trx, desk, kase, { type: 'auto_close' }, { actor: 'daemon', why: `decided ${desk.autoCloseDays} days ago and left so`, now });
    return `closed ${kase.number} after the quiet period`;
  };
}

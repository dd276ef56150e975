// A case's deadline from what the store knows of it: its term, the receipt time, a #deadline
// override and the waits for the client. The math is the pure one in deadlines/; this reads the
// inputs and keeps the computed deadline on the case for lists and queries.
import type { Knex } from 'knex';
import type { CaseRow } from '../store/case-repo';
import { updateCase } from '../store/case-repo';
import { pausesOf } from '../store/pause-repo';
import { effectiveDeadline, type CaseTiming, type EffectiveDeadline } from '../deadlines/deadline';
import type { Desk } from './desk';

export async function timingOf(db: Knex, kase: CaseRow): Promise<CaseTiming> {
  return { ...timingOfNew(kase), pauses: await pausesOf(db, kase.id) };
}

/** The timing of a case that has had no wait for the client yet (one just registered). */
export function timingOfNew(kase: CaseRow): CaseTiming {
  return {
    receivedAt: new Date(kase.receivedAt),
    term: { days: kase.deadlineDays, unit: kase.deadlineUnit },
    override: kase.deadlineOverrideAt && kase.deadlineOverrideSetAt ? { deadline: new Date(kase.deadlineOverrideAt), setAt: new Date(kase.deadlineOverrideSetAt) } : null,
    pauses: [],
  };
}

/** Counts the deadline again (after a wait, an override) and stores it on the case; returns it. */
export async function refreshDeadline(trx: Knex, desk: Desk, kase: CaseRow, now: Date): Promise<EffectiveDeadline> {
  const effective = effectiveDeadline(await timingOf(trx, kase), now, desk.calendar, desk.deadlines);
  const at = effective.deadline.toISOString();
  if (at !== kase.deadlineAt) await updateCase(trx, kase.id, { deadlineAt: at }, now.toISOString());
  kase.deadlineAt = at;
  return effective;
}

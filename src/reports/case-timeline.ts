// One case as the report sees it over time: its status at any instant (rebuilt from the history's
// status changes, since a case row only holds the status now), when it was first decided, and
// whether it was reopened after that. Pure.
import type { ReportCase, ReportRows, StatusChange } from './report-rows';

const ENDED = new Set(['decided', 'closed', 'merged']);

export interface CaseTimeline {
  kase: ReportCase;
  receivedAt: number;
  deadlineAt: number | null;
  changes: Array<{ at: number; to: string }>;
  /** When its acknowledgement reached the mail server; null when none was sent. */
  acknowledgedAt: number | null;
}

export function buildTimelines(rows: ReportRows): CaseTimeline[] {
  const changes = new Map<number, StatusChange[]>();
  for (const c of rows.changes) {
    const list = changes.get(c.caseId);
    if (list) list.push(c);
    else changes.set(c.caseId, [c]);
  }
  const acks = new Map<number, number>();
  for (const a of rows.acknowledgements) {
    const at = Date.parse(a.sentAt);
    acks.set(a.caseId, Math.min(acks.get(a.caseId) ?? at, at));
  }
  return rows.cases.map((kase) => ({
    kase,
    receivedAt: Date.parse(kase.receivedAt),
    deadlineAt: kase.deadlineAt === null ? null : Date.parse(kase.deadlineAt),
    changes: (changes.get(kase.id) ?? []).map((c) => ({ at: Date.parse(c.at), to: c.to })).sort((a, b) => a.at - b.at),
    acknowledgedAt: acks.get(kase.id) ?? null,
  }));
}

/** The status the case had at `t`: the last change at or before it, "new" before any. */
export function statusAt(tl: CaseTimeline, t: number): string {
  let status = 'new';
  for (const c of tl.changes) {
    if (c.at > t) break;
    status = c.to;
  }
  return status;
}

/** Received and neither decided, closed nor merged at `t`: in the backlog. */
export function isOpenAt(tl: CaseTimeline, t: number): boolean {
  return tl.receivedAt < t && !ENDED.has(statusAt(tl, t));
}

/** The first time the case became decided (a decision issued, or approved): its time to decision. */
export function firstDecidedAt(tl: CaseTimeline): number | null {
  return tl.changes.find((c) => c.to === 'decided')?.at ?? null;
}

/** Reopened (by the client or staff) after its first decision and by `t`. */
export function isReopenedBy(tl: CaseTimeline, t: number): boolean {
  const decided = firstDecidedAt(tl);
  return decided !== null && tl.changes.some((c) => c.to === 'reopened' && c.at > decided && c.at <= t);
}

/** Decided by its deadline (a case without one is on time when decided at all). */
export function isDecidedOnTime(tl: CaseTimeline, decidedAt: number): boolean {
  return tl.deadlineAt === null || decidedAt <= tl.deadlineAt;
}

// The desk's (or one department's) figures for one period, as the README defines them. Pure: the
// timelines in, numbers out; the report calls it for the period, the previous one and each department.
import { firstDecidedAt, isDecidedOnTime, isOpenAt, isReopenedBy, statusAt, type CaseTimeline } from './case-timeline';
import type { Period } from './report-rows';
import { countBy, median, percentile, share } from './statistics';

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

export interface KpiFigures {
  /** Cases received in the period. */
  cases: number;
  byCategory: Record<string, number>;
  byDepartment: Record<string, number>;
  /** Status at the period's end of the cases received in it. */
  byStatus: Record<string, number>;
  acknowledged: number;
  medianAckMinutes: number | null;
  p90AckMinutes: number | null;
  /** Cases first decided in the period (whenever received). */
  decided: number;
  medianDecisionHours: number | null;
  p90DecisionHours: number | null;
  /** Decided in the period, or open at its end with the deadline passed in it: the cases that fell due. */
  due: number;
  onTime: number;
  onTimeShare: number | null;
  /** Of the cases decided in the period, those reopened after their decision by the period's end. */
  reopened: number;
  reopenRate: number | null;
  /** Cases of the period whose client had another case received within the repeat window before. */
  repeat: number;
  repeatShare: number | null;
  /** Open at the period's end and past the deadline. */
  overdueBacklog: number;
}

export interface FigureContext {
  /** When each client's cases were received, over every case loaded (a client's earlier case may be of another department). */
  receivedByClient: ReadonlyMap<string, readonly number[]>;
  repeatWindowDays: number;
}

export function figureContext(all: readonly CaseTimeline[], repeatWindowDays: number): FigureContext {
  const receivedByClient = new Map<string, number[]>();
  for (const tl of all) {
    const list = receivedByClient.get(tl.kase.clientAddress);
    if (list) list.push(tl.receivedAt);
    else receivedByClient.set(tl.kase.clientAddress, [tl.receivedAt]);
  }
  return { receivedByClient, repeatWindowDays };
}

export function kpiFigures(timelines: readonly CaseTimeline[], period: Period, ctx: FigureContext): KpiFigures {
  const from = period.from.getTime();
  const to = period.to.getTime();
  const received = timelines.filter((tl) => tl.receivedAt >= from && tl.receivedAt < to && tl.kase.status !== 'merged');
  const ackMinutes = received.flatMap((tl) => (tl.acknowledgedAt === null ? [] : [(tl.acknowledgedAt - tl.receivedAt) / MINUTE_MS]));
  const decidedIn = timelines.flatMap((tl) => {
    const at = firstDecidedAt(tl);
    return at !== null && at >= from && at < to ? [{ tl, at }] : [];
  });
  const decisionHours = decidedIn.map((d) => (d.at - d.tl.receivedAt) / HOUR_MS);
  const lateUndecided = timelines.filter((tl) => tl.deadlineAt !== null && tl.deadlineAt >= from && tl.deadlineAt < to && isOpenAt(tl, to));
  const onTime = decidedIn.filter((d) => isDecidedOnTime(d.tl, d.at)).length;
  const due = decidedIn.length + lateUndecided.length;
  const reopened = decidedIn.filter((d) => isReopenedBy(d.tl, to)).length;
  const repeat = received.filter((tl) => hasEarlierCase(tl, ctx)).length;
  return {
    cases: received.length,
    byCategory: countBy(received, (tl) => tl.kase.category ?? 'other'),
    byDepartment: countBy(received, (tl) => tl.kase.department ?? '-'),
    byStatus: countBy(received, (tl) => statusAt(tl, to)),
    acknowledged: ackMinutes.length,
    medianAckMinutes: median(ackMinutes),
    p90AckMinutes: percentile(ackMinutes, 0.9),
    decided: decidedIn.length,
    medianDecisionHours: median(decisionHours),
    p90DecisionHours: percentile(decisionHours, 0.9),
    due,
    onTime,
    onTimeShare: share(onTime, due),
    reopened,
    reopenRate: share(reopened, decidedIn.length),
    repeat,
    repeatShare: share(repeat, received.length),
    overdueBacklog: timelines.filter((tl) => isOpenAt(tl, to) && tl.deadlineAt !== null && tl.deadlineAt < to).length,
  };
}

function hasEarlierCase(tl: CaseTimeline, ctx: FigureContext): boolean {
  const since = tl.receivedAt - ctx.repeatWindowDays * 86_400_000;
  return (ctx.receivedByClient.get(tl.kase.clientAddress) ?? []).some((at) => at >= since && at < tl.receivedAt);
}

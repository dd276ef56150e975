// Cases received per cause in equal slices of the period (days for up to two weeks, weeks for up to
// about a quarter, 30-day slices beyond): the data of the "causes over time" chart. Pure.
import type { CaseTimeline } from './case-timeline';
import type { Period } from './report-rows';

const DAY_MS = 86_400_000;

export interface CausesOverTime {
  slices: Array<{ from: string; to: string }>;
  /** category -> count per slice, the categories with most cases first. */
  series: Array<{ category: string; counts: number[] }>;
}

export function sliceLength(period: Period): number {
  const days = (period.to.getTime() - period.from.getTime()) / DAY_MS;
  return days <= 14 ? DAY_MS : days <= 98 ? 7 * DAY_MS : 30 * DAY_MS;
}

export function causesOverTime(timelines: readonly CaseTimeline[], period: Period): CausesOverTime {
  const from = period.from.getTime();
  const to = period.to.getTime();
  const step = sliceLength(period);
  const slices: CausesOverTime['slices'] = [];
  for (let t = from; t < to; t += step) slices.push({ from: new Date(t).toISOString(), to: new Date(Math.min(t + step, to)).toISOString() });
  const counts = new Map<string, number[]>();
  for (const tl of timelines) {
    if (tl.receivedAt < from || tl.receivedAt >= to || tl.kase.status === 'merged') continue;
    const category = tl.kase.category ?? 'other';
    const row = counts.get(category) ?? slices.map(() => 0);
    row[Math.floor((tl.receivedAt - from) / step)]!++;
    counts.set(category, row);
  }
  const total = (c: number[]) => c.reduce((a, b) => a + b, 0);
  const series = [...counts].map(([category, c]) => ({ category, counts: c })).sort((a, b) => total(b.counts) - total(a.counts) || (a.category < b.category ? -1 : 1));
  return { slices, series };
}

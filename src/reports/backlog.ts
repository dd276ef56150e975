// The backlog at an instant, by age: open cases by how long ago they were received (split into
// those still within their term and those overdue), and the overdue ones by how long overdue. Pure.
import { isOpenAt, type CaseTimeline } from './case-timeline';

const DAY_MS = 86_400_000;

/** Upper bounds in days; the last bucket has none. */
export const AGE_BUCKETS = [1, 3, 7, 30] as const;

export interface AgeBucket {
  /** "0–1 d", "1–3 d", …, "30+ d" */
  label: string;
  withinTerm: number;
  overdue: number;
}

export interface Backlog {
  /** By age since receipt. */
  byAge: AgeBucket[];
  /** Overdue cases by days past the deadline (withinTerm is 0 there). */
  overdueByAge: AgeBucket[];
}

export function bucketLabels(): string[] {
  const bounds = [0, ...AGE_BUCKETS];
  return bounds.map((low, i) => (i < AGE_BUCKETS.length ? `${low}–${AGE_BUCKETS[i]} d` : `${low}+ d`));
}

export function bucketOf(ageMs: number): number {
  const days = ageMs / DAY_MS;
  const i = AGE_BUCKETS.findIndex((bound) => days < bound);
  return i === -1 ? AGE_BUCKETS.length : i;
}

export function backlogAt(timelines: readonly CaseTimeline[], at: Date): Backlog {
  const t = at.getTime();
  const byAge = bucketLabels().map((label) => ({ label, withinTerm: 0, overdue: 0 }));
  const overdueByAge = bucketLabels().map((label) => ({ label, withinTerm: 0, overdue: 0 }));
  for (const tl of timelines) {
    if (!isOpenAt(tl, t)) continue;
    const overdue = tl.deadlineAt !== null && tl.deadlineAt < t;
    const bucket = byAge[bucketOf(t - tl.receivedAt)]!;
    if (overdue) {
      bucket.overdue++;
      overdueByAge[bucketOf(t - tl.deadlineAt!)]!.overdue++;
    } else {
      bucket.withinTerm++;
    }
  }
  return { byAge, overdueByAge };
}

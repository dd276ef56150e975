// Target values of the KPIs ("целевые значения КПЭ") for the desk, each department and each
// employee, and the check of actuals against them. Each metric has one direction: a share decided on
// time is met at or above its target, a time or a rate at or below it. A figure with no data (no
// case decided, say) is neither met nor missed. The schema here is part of src/config/schema.ts.
import { z } from 'zod';

/** Met when the actual is at least the target. */
const AT_LEAST = ['onTimeShare'] as const;
/** Met when the actual is at most the target. */
const AT_MOST = ['medianAckMinutes', 'p90AckMinutes', 'medianDecisionHours', 'p90DecisionHours', 'reopenRate', 'repeatShare', 'overdueBacklog', 'returnedByApproval'] as const;

export type TargetMetric = (typeof AT_LEAST)[number] | (typeof AT_MOST)[number];

const shareTarget = z.number().min(0).max(1);
const amount = z.number().min(0);

const deskTargets = z.strictObject({
  onTimeShare: shareTarget.optional(),
  medianAckMinutes: amount.optional(),
  p90AckMinutes: amount.optional(),
  medianDecisionHours: amount.optional(),
  p90DecisionHours: amount.optional(),
  reopenRate: shareTarget.optional(),
  repeatShare: shareTarget.optional(),
  overdueBacklog: amount.optional(),
});

const employeeTargets = z.strictObject({
  onTimeShare: shareTarget.optional(),
  medianDecisionHours: amount.optional(),
  returnedByApproval: amount.optional(),
});

export const targetsSchema = z.strictObject({
  desk: deskTargets,
  /** department id -> targets; a department without its own is held to the desk's (all but overdueBacklog, a desk-wide count). */
  departments: z.record(z.string().min(1), deskTargets),
  /** employee address -> targets; the `all` key applies to every employee without their own. */
  staff: z.record(z.string().min(1), employeeTargets),
});

export type Targets = z.infer<typeof targetsSchema>;

export type Figures = Partial<Record<TargetMetric, number | null>>;

export interface TargetCheck {
  scope: 'desk' | 'department' | 'employee';
  /** The department id or employee address; "" for the desk. */
  subject: string;
  metric: TargetMetric;
  direction: 'atLeast' | 'atMost';
  target: number;
  actual: number | null;
  /** null: no data to judge by. */
  met: boolean | null;
}

export function directionOf(metric: TargetMetric): 'atLeast' | 'atMost' {
  return (AT_LEAST as readonly string[]).includes(metric) ? 'atLeast' : 'atMost';
}

export function checkTargets(scope: TargetCheck['scope'], subject: string, targets: Partial<Record<TargetMetric, number>>, actual: Figures): TargetCheck[] {
  return (Object.entries(targets) as Array<[TargetMetric, number | undefined]>).flatMap(([metric, target]) => {
    if (target === undefined) return [];
    const value = actual[metric] ?? null;
    const direction = directionOf(metric);
    const met = value === null ? null : direction === 'atLeast' ? value >= target : value <= target;
    return [{ scope, subject, metric, direction, target, actual: value, met }];
  });
}

/** The targets that hold for a department or an employee: their own, else the shared ones. */
export function departmentTargets(targets: Targets, id: string): Partial<Record<TargetMetric, number>> {
  const own = targets.departments[id];
  if (own) return own;
  const { overdueBacklog: _deskWide, ...shared } = targets.desk;
  return shared;
}

export function employeeTargetsOf(targets: Targets, address: string): Partial<Record<TargetMetric, number>> {
  const own = Object.entries(targets.staff).find(([a]) => a.toLowerCase() === address.toLowerCase());
  return own?.[1] ?? targets.staff['all'] ?? {};
}

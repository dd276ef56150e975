// Each employee's figures for one period: cases handled and decided, decided on time, time to
// decision and decisions returned by the approver. Pure; decisions and history actions in.
import type { CaseTimeline } from './case-timeline';
import type { DecisionEntry, Period, StaffAction } from './report-rows';
import { median, share } from './statistics';

export interface EmployeeFigures {
  address: string;
  name: string;
  department: string | null;
  /** Cases the employee acted on in the period (a command, a letter, a note, a decision). */
  handled: number;
  /** Decisions of theirs issued in the period (approved, or needing no approval). */
  decided: number;
  onTime: number;
  onTimeShare: number | null;
  medianDecisionHours: number | null;
  /** Their draft decisions an approver returned in the period. */
  returnedByApproval: number;
}

export interface Employee {
  address: string;
  name: string;
  department: string | null;
}

const HOUR_MS = 3_600_000;

export function employeeFigures(employees: readonly Employee[], input: { timelines: readonly CaseTimeline[]; decisions: readonly DecisionEntry[]; actions: readonly StaffAction[] }, period: Period): EmployeeFigures[] {
  const from = period.from.getTime();
  const to = period.to.getTime();
  const within = (iso: string | null): boolean => iso !== null && Date.parse(iso) >= from && Date.parse(iso) < to;
  const byId = new Map(input.timelines.map((tl) => [tl.kase.id, tl]));
  return employees.map((e) => {
    const address = e.address.toLowerCase();
    const mine = (by: string) => by.toLowerCase() === address;
    const issued = input.decisions.filter((d) => mine(d.decidedBy) && d.state === 'issued' && within(d.resolvedAt ?? d.createdAt));
    const timed = issued.flatMap((d) => {
      const tl = byId.get(d.caseId);
      return tl ? [{ tl, at: Date.parse(d.resolvedAt ?? d.createdAt) }] : [];
    });
    const onTime = timed.filter(({ tl, at }) => tl.deadlineAt === null || at <= tl.deadlineAt).length;
    const handled = new Set([...input.actions.filter((a) => mine(a.actor) && within(a.at)).map((a) => a.caseId), ...issued.map((d) => d.caseId)]);
    return {
      address: e.address, name: e.name, department: e.department,
      handled: handled.size,
      decided: issued.length,
      onTime,
      onTimeShare: share(onTime, timed.length),
      medianDecisionHours: median(timed.map(({ tl, at }) => (at - tl.receivedAt) / HOUR_MS)),
      returnedByApproval: input.decisions.filter((d) => mine(d.decidedBy) && d.state === 'returned' && within(d.resolvedAt)).length,
    };
  });
}

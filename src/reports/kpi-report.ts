// The KPI report: every figure for the period and the one before it, per department and per
// employee, the backlog by age, causes over time and each target against its actual. Pure: rows
// in, a report out; src/reports/render-*.ts turn it into a table, CSV, JSON or HTML.
import { buildTimelines } from './case-timeline';
import { kpiFigures, figureContext, type KpiFigures } from './kpi-figures';
import { employeeFigures, type Employee, type EmployeeFigures } from './employee-figures';
import { backlogAt, type Backlog } from './backlog';
import { causesOverTime, type CausesOverTime } from './causes-over-time';
import { checkTargets, departmentTargets, employeeTargetsOf, type TargetCheck, type Targets } from './targets';
import { previousPeriod, type Period, type ReportRows } from './report-rows';

export interface ClassifierQuality {
  runs: Array<{ finishedAt: string; trainExamples: number; heldOut: number; macroF1: number | null; perClassF1: Record<string, number> | null; accepted: boolean }>;
  corrections: Array<{ category: string; corrections: number }>;
}

export interface KpiReport {
  period: { from: string; to: string };
  previous: { from: string; to: string };
  desk: { current: KpiFigures; previous: KpiFigures };
  departments: Array<{ id: string; name: string; current: KpiFigures; previous: KpiFigures }>;
  staff: EmployeeFigures[];
  backlog: Backlog;
  causes: CausesOverTime;
  targets: TargetCheck[];
  /** Names for the ids above, in the report's locale. */
  names: { categories: Record<string, string>; departments: Record<string, string> };
  classifier: ClassifierQuality | null;
}

export interface ReportSettings {
  period: Period;
  departments: ReadonlyArray<{ id: string; name: string }>;
  employees: readonly Employee[];
  categoryName(id: string): string;
  targets: Targets;
  repeatWindowDays: number;
}

export function buildReport(rows: ReportRows, s: ReportSettings, classifier: ClassifierQuality | null = null): KpiReport {
  const timelines = buildTimelines(rows);
  const ctx = figureContext(timelines, s.repeatWindowDays);
  const previous = previousPeriod(s.period);
  const figures = (p: Period, department?: string) => kpiFigures(department === undefined ? timelines : timelines.filter((tl) => tl.kase.department === department), p, ctx);
  const desk = { current: figures(s.period), previous: figures(previous) };
  const departments = s.departments.map((d) => ({ id: d.id, name: d.name, current: figures(s.period, d.id), previous: figures(previous, d.id) }));
  const staff = employeeFigures(s.employees, { timelines, decisions: rows.decisions, actions: rows.actions }, s.period);
  const targets = [
    ...checkTargets('desk', '', s.targets.desk, desk.current),
    ...departments.flatMap((d) => checkTargets('department', d.id, departmentTargets(s.targets, d.id), d.current)),
    ...staff.flatMap((e) => checkTargets('employee', e.address, employeeTargetsOf(s.targets, e.address), { ...e })),
  ];
  const causes = causesOverTime(timelines, s.period);
  const categoryIds = new Set([...causes.series.map((c) => c.category), ...Object.keys(desk.current.byCategory), ...Object.keys(desk.previous.byCategory)]);
  return {
    period: iso(s.period),
    previous: iso(previous),
    desk,
    departments,
    staff,
    backlog: backlogAt(timelines, s.period.to),
    causes,
    targets,
    names: {
      categories: Object.fromEntries([...categoryIds].map((id) => [id, s.categoryName(id)])),
      departments: Object.fromEntries(s.departments.map((d) => [d.id, d.name])),
    },
    classifier,
  };
}

function iso(p: Period): { from: string; to: string } {
  return { from: p.from.toISOString(), to: p.to.toISOString() };
}

// The KPI report as CSV, one figure a row (section, subject, metric, value, previous, target, met),
// so a spreadsheet can pivot it any way; values are plain numbers, shares between 0 and 1.
import type { KpiReport } from './kpi-report';
import { HEADLINE } from './metric-format';

type Cell = string | number | boolean | null;

function cell(value: Cell): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function renderCsv(report: KpiReport): string {
  const rows: Cell[][] = [['section', 'subject', 'metric', 'value', 'previous', 'target', 'met']];
  const { current, previous } = report.desk;
  for (const m of HEADLINE) rows.push(['desk', '', m.key, current[m.key] as number | null, previous[m.key] as number | null, null, null]);
  const countsOf = (section: string, now: Record<string, number>, before: Record<string, number>) => {
    for (const id of new Set([...Object.keys(now), ...Object.keys(before)])) rows.push([section, id, 'cases', now[id] ?? 0, before[id] ?? 0, null, null]);
  };
  countsOf('cause', current.byCategory, previous.byCategory);
  countsOf('department_cases', current.byDepartment, previous.byDepartment);
  countsOf('status', current.byStatus, previous.byStatus);
  for (const d of report.departments) for (const m of HEADLINE) rows.push(['department', d.id, m.key, d.current[m.key] as number | null, d.previous[m.key] as number | null, null, null]);
  for (const e of report.staff) {
    for (const key of ['handled', 'decided', 'onTime', 'onTimeShare', 'medianDecisionHours', 'returnedByApproval'] as const) rows.push(['employee', e.address, key, e[key], null, null, null]);
  }
  report.backlog.byAge.forEach((b, i) => {
    rows.push(['backlog_age', b.label, 'within_term', b.withinTerm, null, null, null], ['backlog_age', b.label, 'overdue', b.overdue, null, null, null]);
    rows.push(['overdue_by', b.label, 'overdue', report.backlog.overdueByAge[i]!.overdue, null, null, null]);
  });
  for (const t of report.targets) rows.push([`target_${t.scope}`, t.subject, t.metric, t.actual, null, t.target, t.met]);
  for (const r of report.classifier?.runs ?? []) rows.push(['classifier_run', r.finishedAt, 'macro_f1', r.macroF1, null, null, r.accepted]);
  for (const c of report.classifier?.corrections ?? []) rows.push(['corrected_to', c.category, 'corrections', c.corrections, null, null, null]);
  return rows.map((r) => r.map(cell).join(',')).join('\n') + '\n';
}

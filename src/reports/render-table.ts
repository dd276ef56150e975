// The KPI report for a terminal: the targets first (misses marked), the desk's figures against the
// previous period, then departments, staff, backlog and the classifier's quality, in aligned columns.
import type { Locale } from '../templates/localized-text';
import type { KpiReport } from './kpi-report';
import { HEADLINE, day, formatChange, formatTarget, formatValue, metricInfo } from './metric-format';
import type { TargetCheck } from './targets';

export function columns(rows: string[][]): string[] {
  const widths = rows.reduce<number[]>((w, row) => row.map((cell, i) => Math.max(w[i] ?? 0, cell.length)), []);
  return rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ').trimEnd());
}

export function targetSubject(report: KpiReport, t: TargetCheck, locale: Locale): string {
  if (t.scope === 'desk') return locale === 'ru' ? 'вся служба' : 'desk';
  if (t.scope === 'department') return `${locale === 'ru' ? 'отдел' : 'department'} ${report.names.departments[t.subject] ?? t.subject}`;
  return t.subject;
}

export function targetRows(report: KpiReport, locale: Locale): string[][] {
  // Misses first: they are what a supervisor reads the report for.
  const order = (t: TargetCheck) => (t.met === false ? 0 : 1);
  // A target without data says nothing about anyone: counted in a line below, not listed.
  return report.targets.filter((t) => t.met !== null).sort((a, b) => order(a) - order(b)).map((t) => {
    const info = metricInfo(t.metric);
    return [t.met === false ? 'MISS' : 'ok', targetSubject(report, t, locale), info.label[locale], formatValue(t.actual, info.kind), `target ${formatTarget(t.direction, t.target, info.kind)}`];
  });
}

function counts(title: string, now: Record<string, number>, before: Record<string, number>, name: (id: string) => string): string[] {
  const ids = [...new Set([...Object.keys(now), ...Object.keys(before)])].sort((a, b) => (now[b] ?? 0) - (now[a] ?? 0) || (a < b ? -1 : 1));
  if (ids.length === 0) return [];
  return ['', title, ...columns(ids.map((id) => ['  ' + name(id), String(now[id] ?? 0), `previous ${before[id] ?? 0}`]))];
}

export function renderTable(report: KpiReport, locale: Locale = 'en'): string {
  const { current, previous } = report.desk;
  const lines = [`KPI report ${day(report.period.from)} – ${day(report.period.to)} (previous period ${day(report.previous.from)} – ${day(report.previous.to)}; ends exclusive)`];
  if (report.targets.length > 0) {
    const unjudged = report.targets.filter((t) => t.met === null).length;
    lines.push('', 'Targets', ...columns(targetRows(report, locale)).map((l) => '  ' + l));
    if (unjudged > 0) lines.push(`  (${unjudged} more without data to judge by: nothing was due, decided or acknowledged)`);
  }
  lines.push('', 'Desk', ...columns([['  figure', 'this period', 'previous', 'change'], ...HEADLINE.map((m) => ['  ' + m.label[locale], formatValue(current[m.key] as number | null, m.kind), formatValue(previous[m.key] as number | null, m.kind), formatChange(current[m.key] as number | null, previous[m.key] as number | null, m.kind)])]));
  lines.push(...counts('By cause', current.byCategory, previous.byCategory, (id) => report.names.categories[id] ?? id));
  lines.push(...counts('By department', current.byDepartment, previous.byDepartment, (id) => report.names.departments[id] ?? (id === '-' ? '(none)' : id)));
  lines.push(...counts('By status at the end', current.byStatus, previous.byStatus, (id) => id));
  if (report.departments.length > 0) {
    lines.push('', 'Departments', ...columns([['  department', 'cases', 'on time', 'ack median', 'decision median', 'reopen rate', 'overdue'], ...report.departments.map((d) => [
      '  ' + d.name, String(d.current.cases), formatValue(d.current.onTimeShare, 'share'), formatValue(d.current.medianAckMinutes, 'minutes'),
      formatValue(d.current.medianDecisionHours, 'hours'), formatValue(d.current.reopenRate, 'share'), String(d.current.overdueBacklog),
    ])]));
  }
  if (report.staff.length > 0) {
    lines.push('', 'Staff', ...columns([['  employee', 'handled', 'decided', 'on time', 'decision median', 'returned'], ...report.staff.map((e) => [
      `  ${e.name} <${e.address}>`, String(e.handled), String(e.decided), formatValue(e.onTimeShare, 'share'), formatValue(e.medianDecisionHours, 'hours'), String(e.returnedByApproval),
    ])]));
  }
  lines.push('', `Backlog at ${day(report.period.to)} by age`, ...columns([['  age', 'within term', 'overdue', 'overdue by'], ...report.backlog.byAge.map((b, i) => ['  ' + b.label, String(b.withinTerm), String(b.overdue), String(report.backlog.overdueByAge[i]!.overdue)])]));
  lines.push(...classifierLines(report));
  return lines.join('\n') + '\n';
}

function classifierLines(report: KpiReport): string[] {
  const q = report.classifier;
  if (q === null) return [];
  const lines = ['', 'Classifier quality per retrain'];
  if (q.runs.length === 0) lines.push('  no retrain yet');
  else lines.push(...columns([['  finished', 'trained on', 'held out', 'macro-F1', 'accepted', 'per-class F1'], ...q.runs.map((r) => [
    '  ' + r.finishedAt.slice(0, 16).replace('T', ' '), String(r.trainExamples), String(r.heldOut), r.macroF1 === null ? '—' : r.macroF1.toFixed(3), r.accepted ? 'yes' : 'no',
    Object.entries(r.perClassF1 ?? {}).map(([c, f]) => `${c} ${f.toFixed(2)}`).join(', '),
  ])]));
  lines.push('', 'Categories staff corrected to (the causes the rules and the model missed)');
  if (q.corrections.length === 0) lines.push('  none in the period');
  else lines.push(...columns(q.corrections.map((c) => ['  ' + (report.names.categories[c.category] ?? c.category), String(c.corrections)])));
  return lines;
}

// The KPI report as one self-contained HTML file: styles inline, charts as inline SVG, no script,
// no external resource, so it opens the same from disk, in a browser and in a mail program.
// Charts: causes over time, on-time share per department (target marked), backlog ageing; and the
// tables behind them, per employee and of the classifier's quality.
import type { Locale } from '../templates/localized-text';
import type { KpiReport } from './kpi-report';
import { HEADLINE, day, formatChange, formatTarget, formatValue, metricInfo } from './metric-format';
import { escapeXml as esc, shareBars, stackedColumns } from './svg-charts';
import { targetSubject } from './render-table';
import { departmentTargets, type Targets } from './targets';
import { HTML_LABELS } from './html-labels';

const STYLE = `body{font-family:sans-serif;margin:24px;color:#222;max-width:980px}
table{border-collapse:collapse;margin:8px 0 20px}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}
th:first-child,td:first-child{text-align:left}.miss{background:#fde2e1;font-weight:bold}.met{background:#e3f4e1}
h1{font-size:20px}h2{font-size:16px;margin-top:28px}.chart{display:block;margin:8px 0 16px}`;

function table(head: string[], rows: Array<{ cells: string[]; cls?: string }>): string {
  const tr = (cells: string[], tag: 'td' | 'th', cls?: string) => `<tr${cls ? ` class="${cls}"` : ''}>${cells.map((c) => `<${tag}>${esc(c)}</${tag}>`).join('')}</tr>`;
  return `<table>${tr(head, 'th')}${rows.map((r) => tr(r.cells, 'td', r.cls)).join('')}</table>`;
}

/** The targets table: misses first, each row marked met or missed. Also the lead of the KPI letter. */
export function targetsHtml(report: KpiReport, locale: Locale): string {
  if (report.targets.length === 0) return '';
  const L = HTML_LABELS[locale];
  const order = (met: boolean | null) => (met === false ? 0 : 1);
  const judged = report.targets.filter((t) => t.met !== null);
  const rows = judged.sort((a, b) => order(a.met) - order(b.met)).map((t) => {
    const info = metricInfo(t.metric);
    return { cells: [t.met === false ? L.verdict.missed : L.verdict.met, targetSubject(report, t, locale), info.label[locale], formatValue(t.actual, info.kind), formatTarget(t.direction, t.target, info.kind)], cls: t.met === false ? 'miss' : 'met' };
  });
  const missed = report.targets.filter((t) => t.met === false).length;
  const unjudged = report.targets.length - judged.length;
  return `<h2>${esc(L.targets(missed, report.targets.length))}</h2>${rows.length > 0 ? table(L.targetHead, rows) : ''}${unjudged > 0 ? `<p>${esc(L.unjudged(unjudged))}</p>` : ''}`;
}

export function renderHtml(report: KpiReport, targets: Targets, locale: Locale = 'en'): string {
  const { current, previous } = report.desk;
  const L = HTML_LABELS[locale];
  const title = `${L.title} ${day(report.period.from)} – ${day(report.period.to)}`;
  const headline = table(L.deskHead, HEADLINE.map((m) => ({
    cells: [m.label[locale], formatValue(current[m.key] as number | null, m.kind), formatValue(previous[m.key] as number | null, m.kind), formatChange(current[m.key] as number | null, previous[m.key] as number | null, m.kind)],
  })));
  const causes = stackedColumns({
    title: L.causesChart,
    labels: report.causes.slices.map((s) => day(s.from).slice(5)),
    series: report.causes.series.map((s) => ({ name: report.names.categories[s.category] ?? s.category, values: s.counts })),
  });
  const onTime = shareBars({
    title: L.onTimeChart,
    rows: [{ label: L.wholeDesk, value: current.onTimeShare, ...(targets.desk.onTimeShare !== undefined ? { target: targets.desk.onTimeShare } : {}) },
      ...report.departments.map((d) => {
        const target = departmentTargets(targets, d.id).onTimeShare;
        return { label: d.name, value: d.current.onTimeShare, ...(target !== undefined ? { target } : {}) };
      })],
  });
  const backlog = stackedColumns({
    title: L.backlogChart(day(report.period.to)),
    labels: report.backlog.byAge.map((b) => b.label),
    series: [{ name: L.withinTerm, values: report.backlog.byAge.map((b) => b.withinTerm), colour: '#3366cc' }, { name: L.overdue, values: report.backlog.byAge.map((b) => b.overdue), colour: '#dc3912' }],
  });
  const departments = table(L.departmentHead, report.departments.map((d) => ({
    cells: [d.name, String(d.current.cases), formatValue(d.current.onTimeShare, 'share'), formatValue(d.current.medianAckMinutes, 'minutes'), formatValue(d.current.medianDecisionHours, 'hours'), formatValue(d.current.reopenRate, 'share'), String(d.current.overdueBacklog)],
  })));
  const staff = table(L.staffHead, report.staff.map((e) => ({
    cells: [`${e.name} <${e.address}>`, String(e.handled), String(e.decided), formatValue(e.onTimeShare, 'share'), formatValue(e.medianDecisionHours, 'hours'), String(e.returnedByApproval)],
    cls: report.targets.some((t) => t.scope === 'employee' && t.subject === e.address && t.met === false) ? 'miss' : undefined,
  })));
  const causeTable = table(L.causeHead, Object.keys({ ...previous.byCategory, ...current.byCategory }).map((id) => ({ cells: [report.names.categories[id] ?? id, String(current.byCategory[id] ?? 0), String(previous.byCategory[id] ?? 0)] })));
  return `<!DOCTYPE html><html lang="${locale}"><head><meta charset="utf-8"><title>${esc(title)}</title><style>${STYLE}</style></head><body>`
    + `<h1>${esc(title)}</h1><p>${esc(L.compared)}: ${esc(day(report.previous.from))} – ${esc(day(report.previous.to))}.</p>`
    + targetsHtml(report, locale) + `<h2>${esc(L.desk)}</h2>${headline}<h2>${esc(L.causes)}</h2>${causes}${causeTable}<h2>${esc(L.departments)}</h2>${onTime}${departments}`
    + `<h2>${esc(L.backlog)}</h2>${backlog}<h2>${esc(L.staff)}</h2>${staff}${classifierHtml(report, locale)}</body></html>\n`;
}

function classifierHtml(report: KpiReport, locale: Locale): string {
  const q = report.classifier;
  if (q === null) return '';
  const L = HTML_LABELS[locale];
  const runs = q.runs.length === 0 ? `<p>${esc(L.noRuns)}</p>` : table(L.runsHead, q.runs.map((r) => ({
    cells: [r.finishedAt.slice(0, 16).replace('T', ' '), String(r.trainExamples), String(r.heldOut), r.macroF1 === null ? '—' : r.macroF1.toFixed(3), r.accepted ? L.yes : L.no, Object.entries(r.perClassF1 ?? {}).map(([c, f]) => `${c} ${f.toFixed(2)}`).join(', ')],
  })));
  const corrections = q.corrections.length === 0 ? `<p>${esc(L.noCorrections)}</p>` : table(L.correctionsHead, q.corrections.map((c) => ({ cells: [report.names.categories[c.category] ?? c.category, String(c.corrections)] })));
  return `<h2>${esc(L.classifier)}</h2>${runs}<h2>${esc(L.corrections)}</h2>${corrections}`;
}

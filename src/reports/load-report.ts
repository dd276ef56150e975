// The KPI report of a period straight from the store: the rows (src/store/report-repo.ts), the desk's
// departments, staff, targets and cause names, and the classifier's quality, into buildReport.
import type { Knex } from 'knex';
import type { Desk } from '../cases/desk';
import { loadReportRows } from '../store/report-repo';
import { modelQualityHistory } from '../store/classifier-run-repo';
import { mostCorrectedCategories } from '../store/staff-label-repo';
import { buildReport, type KpiReport } from './kpi-report';
import { previousPeriod, type Period } from './report-rows';

const DAY_MS = 86_400_000;

export async function loadReport(db: Knex, desk: Desk, period: Period, locale: string): Promise<KpiReport> {
  const previous = previousPeriod(period);
  const repeatWindowDays = desk.alerts.repeatedComplaints.withinDays;
  const rows = await loadReportRows(db, {
    to: period.to.toISOString(),
    since: previous.from.toISOString(),
    receivedSince: new Date(previous.from.getTime() - repeatWindowDays * DAY_MS).toISOString(),
  });
  const range = { from: period.from.toISOString(), to: period.to.toISOString() };
  const runs = (await modelQualityHistory(db)).filter((r) => r.finishedAt < range.to);
  const corrections = await mostCorrectedCategories(db, range);
  return buildReport(rows, {
    period,
    departments: [...desk.categories.departments.values()].map((d) => ({ id: d.id, name: d.name })),
    employees: desk.directory.members.map((m) => ({ address: m.address, name: m.name, department: m.department })),
    categoryName: (id) => desk.categoryName(id, locale),
    targets: desk.reports.targets,
    repeatWindowDays,
  }, { runs, corrections });
}

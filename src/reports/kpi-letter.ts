// The scheduled KPI letter to supervisors and admins (and reports.letter.to): the HTML report of the
// period just ended as the letter's HTML, the text part leading with the targets missed. A durable
// job that schedules the next one when done, like the digests (src/digests/digests.ts), so a
// restart neither skips nor repeats a letter.
import type { Knex } from 'knex';
import type { JobHandler } from '../deadlines/scheduler';
import { scheduleJob } from '../store/job-repo';
import { queueSystemLetter } from '../cases/case-letter';
import { systemRecipients } from '../alerts/raise-alert';
import type { Desk } from '../cases/desk';
import type { Locale } from '../templates/localized-text';
import { digestPeriod, nextDepartmentDigest } from '../digests/digest-schedule';
import { loadReport } from './load-report';
import { renderHtml } from './render-html';
import { targetSubject } from './render-table';
import { HEADLINE, day, formatChange, formatTarget, formatValue, metricInfo } from './metric-format';
import type { KpiReport } from './kpi-report';

export const KPI_LETTER_JOB = 'kpi_letter';

export async function ensureKpiLetterScheduled(db: Knex, desk: Desk, now: Date): Promise<void> {
  const at = nextDepartmentDigest(now, desk.calendar, desk.reports.letter);
  if (at) await scheduleJob(db, { kind: KPI_LETTER_JOB, caseId: null, key: at.toISOString(), dueAt: at }, now.toISOString());
}

/** Supervisors and admins of the directory and reports.letter.to, once each; without any, whoever hears of system events. */
export function kpiRecipients(desk: Desk): Array<{ address: string; locale: Locale }> {
  const members = desk.directory.members.filter((m) => m.role === 'supervisor' || m.role === 'admin').map((m) => ({ address: m.address, locale: m.locale }));
  const extra = desk.reports.letter.to.map((address) => ({ address, locale: desk.directory.byAddress(address)?.locale ?? desk.defaultLocale }));
  const all = [...members, ...extra];
  const chosen = all.length > 0 ? all : systemRecipients(desk);
  return chosen.filter((r, i) => chosen.findIndex((o) => o.address.toLowerCase() === r.address.toLowerCase()) === i);
}

/** What the template gets: the misses first, then every headline figure against the previous period. */
export function kpiLetterData(report: KpiReport, html: string, locale: Locale, orgName: string): object {
  const missed = report.targets.filter((t) => t.met === false).map((t) => {
    const info = metricInfo(t.metric);
    return { subject: targetSubject(report, t, locale), figure: info.label[locale], actual: formatValue(t.actual, info.kind), target: formatTarget(t.direction, t.target, info.kind) };
  });
  const { current, previous } = report.desk;
  return {
    period: { from: day(report.period.from), to: day(report.period.to) },
    missed, targetCount: report.targets.length, metCount: report.targets.filter((t) => t.met === true).length,
    figures: HEADLINE.map((m) => ({
      label: m.label[locale], value: formatValue(current[m.key] as number | null, m.kind), previous: formatValue(previous[m.key] as number | null, m.kind),
      change: formatChange(current[m.key] as number | null, previous[m.key] as number | null, m.kind),
    })),
    report: html, org: { name: orgName },
  };
}

export function kpiLetterHandler(desk: Desk): JobHandler {
  return async (trx, _job, now) => {
    const every = desk.reports.letter.every;
    if (every === 'off') return 'KPI letters are off';
    const { from, to } = digestPeriod(now, every);
    const byLocale = new Map<Locale, object>();
    const recipients = kpiRecipients(desk);
    for (const r of recipients) {
      let data = byLocale.get(r.locale);
      if (!data) {
        const report = await loadReport(trx, desk, { from, to }, r.locale);
        data = kpiLetterData(report, renderHtml(report, desk.reports.targets, r.locale), r.locale, desk.from.name || desk.orgName);
        byLocale.set(r.locale, data);
      }
      await queueSystemLetter(trx, { kind: 'kpi_report', from: desk.from, to: [r.address], letter: desk.catalogue.render('system-kpi-report', r.locale, data), now });
    }
    await ensureKpiLetterScheduled(trx, desk, new Date(now.getTime() + 60_000));
    return `KPI letter ${from.toISOString()} – ${to.toISOString()}: ${recipients.length} letter(s)`;
  };
}

// `complaintd report`: the KPI report of a period as a terminal table, CSV, JSON or one HTML file,
// to stdout or --out FILE. The figures come from src/reports/kpi-report.ts; this file reads flags.
import { writeFile } from 'node:fs/promises';
import { InvalidArgumentError, type Command } from 'commander';
import type { Locale } from '../templates/localized-text';
import type { KpiReport } from './kpi-report';
import type { Period } from './report-rows';
import type { Targets } from './targets';
import { parseReportPeriod } from './report-period';
import { renderTable } from './render-table';
import { renderCsv } from './render-csv';
import { renderHtml } from './render-html';

export const REPORT_FORMATS = ['table', 'csv', 'json', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface ReportCommandDeps {
  settings(): { timeZone: string; defaultLocale: Locale };
  report(period: Period, locale: Locale): Promise<{ report: KpiReport; targets: Targets }>;
  clock?(): Date;
}

export function renderReport(report: KpiReport, targets: Targets, format: ReportFormat, locale: Locale): string {
  switch (format) {
    case 'table': return renderTable(report, locale);
    case 'csv': return renderCsv(report);
    case 'json': return JSON.stringify(report, null, 2) + '\n';
    case 'html': return renderHtml(report, targets, locale);
  }
}

function oneOf<T extends string>(values: readonly T[]): (value: string) => T {
  return (value) => {
    if (!(values as readonly string[]).includes(value)) throw new InvalidArgumentError(`expected one of ${values.join(', ')}`);
    return value as T;
  };
}

export function registerReportCommand(program: Command, deps: ReportCommandDeps): void {
  program
    .command('report')
    .description('the KPI report of a period: cases by cause, department and status, times, on-time share, backlog, staff, targets')
    .option('--from <date>', 'start: a date (local midnight) or an ISO time; default 7 days before the end')
    .option('--to <date>', 'end: a date (that whole day included) or an ISO time; default now')
    .option('--format <format>', `${REPORT_FORMATS.join(' | ')}`, oneOf(REPORT_FORMATS), 'table')
    .option('--locale <locale>', 'ru | en: names of causes and figures (default instance.defaultLocale)', oneOf(['ru', 'en'] as const))
    .option('--out <file>', 'write the report to this file instead of the terminal')
    .action(async (flags: { from?: string; to?: string; format: ReportFormat; locale?: Locale; out?: string }) => {
      const settings = deps.settings();
      const period = parseReportPeriod(flags, deps.clock?.() ?? new Date(), settings.timeZone);
      if ('error' in period) program.error(period.error, { exitCode: 2 });
      const locale = flags.locale ?? settings.defaultLocale;
      const { report, targets } = await deps.report(period, locale);
      const text = renderReport(report, targets, flags.format, locale);
      if (flags.out === undefined) process.stdout.write(text);
      else {
        await writeFile(flags.out, text);
        process.stdout.write(`${flags.format} report ${report.period.from} – ${report.period.to} written to ${flags.out}\n`);
      }
    });
}

// Which period `complaintd report --from --to` means. A date is a whole local day in the desk's time
// zone: --from 2026-11-01 starts at its midnight, --to 2026-11-07 includes that day (the period ends
// at the next midnight). An ISO instant is taken as it is. Without --to the period ends now; without
// --from it is the 7 days before its end. Pure.
import { DateTime } from 'luxon';
import type { Period } from './report-rows';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

export function parseReportPeriod(flags: { from?: string; to?: string }, now: Date, timeZone: string): Period | { error: string } {
  const to = flags.to === undefined ? now : instantOf(flags.to, timeZone, 'end');
  if (to === null) return { error: `--to ${flags.to ?? ''}: expected a date (YYYY-MM-DD) or an ISO time` };
  const from = flags.from === undefined ? new Date(to.getTime() - 7 * DAY_MS) : instantOf(flags.from, timeZone, 'start');
  if (from === null) return { error: `--from ${flags.from ?? ''}: expected a date (YYYY-MM-DD) or an ISO time` };
  if (from >= to) return { error: `the period is empty: --from ${from.toISOString()} is not before --to ${to.toISOString()}` };
  return { from, to };
}

function instantOf(text: string, timeZone: string, edge: 'start' | 'end'): Date | null {
  if (DATE.test(text)) {
    const start = DateTime.fromISO(text, { zone: timeZone }).startOf('day');
    if (!start.isValid) return null;
    return (edge === 'start' ? start : start.plus({ days: 1 })).toJSDate();
  }
  const at = DateTime.fromISO(text, { zone: timeZone });
  return at.isValid ? at.toJSDate() : null;
}

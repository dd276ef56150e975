// Pure: when the recurring digests are due and which period a department digest covers. The overdue
// digest comes daily at deadlines.digestAt; a department digest daily or weekly on its weekday.
import type { BusinessCalendar } from '../deadlines/business-calendar';
import { weekdayOf, type Weekday } from '../deadlines/local-date';
import { parseTimeOfDay } from '../deadlines/time-of-day';

const DAY_MS = 86_400_000;

/** The first time after `now` at `at` local time, on `weekday` for a weekly digest; null when off. */
export function nextDepartmentDigest(now: Date, calendar: BusinessCalendar, s: { every: 'daily' | 'weekly' | 'off'; weekday: Weekday; at: string }): Date | null {
  if (s.every === 'off') return null;
  const time = parseTimeOfDay(s.at);
  let day = calendar.localDateOf(now);
  for (let i = 0; i < 8; i++, day = calendar.addCalendarDays(day, 1)) {
    const candidate = calendar.at(day, time);
    if (candidate > now && (s.every === 'daily' || weekdayOf(day) === s.weekday)) return candidate;
  }
  throw new Error('no digest day within a week');
}

/** The period a digest sent at `at` covers, and the one before it of the same length. */
export function digestPeriod(at: Date, every: 'daily' | 'weekly'): { from: Date; to: Date; previousFrom: Date } {
  const length = (every === 'daily' ? 1 : 7) * DAY_MS;
  return { from: new Date(at.getTime() - length), to: at, previousFrom: new Date(at.getTime() - 2 * length) };
}

/** "+3 (+50 %)", "−2", "no change", "new": how a count moved from the previous period. */
export function changeLabel(now: number, before: number, locale: 'ru' | 'en'): string {
  if (now === before) return locale === 'ru' ? 'без изменений' : 'no change';
  if (before === 0) return locale === 'ru' ? 'впервые' : 'new';
  const diff = now - before;
  const percent = Math.round((diff / before) * 100);
  return `${diff > 0 ? '+' : '−'}${Math.abs(diff)} (${percent > 0 ? '+' : '−'}${Math.abs(percent)} %)`;
}

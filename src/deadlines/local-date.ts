// A day on the organisation's wall calendar ("2026-01-09"), apart from any instant: deadlines are counted
// in such days, and only the end of the last one is turned into an instant, in the calendar's time zone.
import { DateTime } from 'luxon';

/** An ISO calendar date, YYYY-MM-DD. Sorts and compares correctly as a string. */
export type LocalDate = string;

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** True for a real date written YYYY-MM-DD ("2026-02-30" is not one). */
export function isLocalDate(text: string): boolean {
  return ISO_DATE.test(text) && DateTime.fromISO(text, { zone: 'utc' }).isValid;
}

/** Date arithmetic is done at UTC midnight, where no day is 23 or 25 hours long. */
export function dayOf(date: LocalDate): DateTime {
  const day = ISO_DATE.test(date) ? DateTime.fromISO(date, { zone: 'utc' }) : null;
  if (!day?.isValid) throw new RangeError(`not a YYYY-MM-DD date: "${date}"`);
  return day;
}

export function toLocalDate(day: DateTime): LocalDate {
  const iso = day.toISODate();
  if (iso === null) throw new RangeError(`invalid date: ${day.invalidExplanation ?? 'unknown reason'}`);
  return iso;
}

export function weekdayOf(date: LocalDate): Weekday {
  return WEEKDAYS[dayOf(date).weekday - 1] as Weekday;
}

export function yearOf(date: LocalDate): number {
  return dayOf(date).year;
}

const DAY_MS = 86_400_000;

// Plain UTC arithmetic rather than luxon: deadlines step through days one at a time, and a luxon
// DateTime for each step was a good part of a registration's cost.
export function plusDays(date: LocalDate, days: number): LocalDate {
  const [y, m, d] = ISO_DATE.test(date) ? date.split('-').map(Number) as [number, number, number] : [NaN, NaN, NaN];
  const midnight = Date.UTC(y, m - 1, d);
  if (Number.isNaN(midnight) || new Date(midnight).toISOString().slice(0, 10) !== date) throw new RangeError(`not a YYYY-MM-DD date: "${date}"`);
  return new Date(midnight + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to`: 1 from a day to the next, negative when `to` is earlier. */
export function daysFromTo(from: LocalDate, to: LocalDate): number {
  return Math.round(dayOf(to).diff(dayOf(from), 'days').days);
}

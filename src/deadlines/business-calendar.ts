// Pure: which local days are working days (weekdays, public holidays, the year's transfers) and the
// day arithmetic deadlines need, in one time zone. Years the calendar file does not list fall back to
// the weekday rule, and `coverageOf` says so, so the caller can warn instead of silently guessing.
import { DateTime } from 'luxon';
import type { CalendarData } from './calendar-file';
import { dayOf, daysFromTo, plusDays, toLocalDate, yearOf, WEEKDAYS } from './local-date';
import type { LocalDate, Weekday } from './local-date';
import type { TimeOfDay } from './time-of-day';

export const DEFAULT_WORKING_WEEKDAYS: readonly Weekday[] = Object.freeze(['mon', 'tue', 'wed', 'thu', 'fri']);

export interface BusinessCalendarOptions {
  /** IANA time zone of the organisation, e.g. Europe/Moscow. */
  timezone: string;
  /** Default Monday to Friday. */
  workingWeekdays?: readonly Weekday[];
  /** The calendar file's data; without it every year follows the weekday rule. */
  data?: CalendarData | null;
}

/** confirmed: from a published decree; unconfirmed: the Labour Code's part only; weekdays-only: not in the file. */
export type YearCoverage = 'confirmed' | 'unconfirmed' | 'weekdays-only';

/** A safety net: no real calendar has a year without a working day, but a loop must not run forever. */
const MAX_DAYS_SCANNED = 3660;

interface YearDays {
  confirmed: boolean;
  daysOff: ReadonlySet<LocalDate>;
  workingDays: ReadonlySet<LocalDate>;
}

// Local days whose end is kept: about three years of deadlines before the cache starts again.
const DAYS_KEPT = 1000;

export class BusinessCalendar {
  readonly timezone: string;
  private readonly weekdays: ReadonlySet<Weekday>;
  private readonly years = new Map<number, YearDays>();
  // Every registration asks for the local day of "now" and the end of a few local days, and each
  // answer costs luxon a time-zone lookup through Intl: the answers are kept, as the zone's rules
  // do not change while the process runs.
  private readonly endsOfDays = new Map<LocalDate, number>();
  private lastDay: { date: LocalDate; from: number; until: number } | null = null;

  constructor(options: BusinessCalendarOptions) {
    if (!DateTime.local().setZone(options.timezone).isValid) throw new RangeError(`unknown time zone "${options.timezone}"`);
    const weekdays = options.workingWeekdays ?? DEFAULT_WORKING_WEEKDAYS;
    if (weekdays.length === 0) throw new RangeError('a calendar needs at least one working weekday');
    this.timezone = options.timezone;
    this.weekdays = new Set(weekdays);
    for (const y of options.data?.years.values() ?? []) {
      const holidays = new Set(y.holidays);
      this.years.set(y.year, {
        confirmed: y.confirmed,
        daysOff: new Set([...holidays, ...y.transfers.map((t) => t.to)]),
        workingDays: new Set(y.transfers.map((t) => t.from).filter((d) => !holidays.has(d))),
      });
    }
  }

  coverageOf(year: number): YearCoverage {
    const y = this.years.get(year);
    if (!y) return 'weekdays-only';
    return y.confirmed ? 'confirmed' : 'unconfirmed';
  }

  /** The years from `from` to `to` (in either order) whose days are not confirmed, for a warning. */
  uncertainYears(from: LocalDate, to: LocalDate): Array<{ year: number; coverage: Exclude<YearCoverage, 'confirmed'> }> {
    const [a, b] = [yearOf(from), yearOf(to)].sort((x, y) => x - y) as [number, number];
    const found: Array<{ year: number; coverage: Exclude<YearCoverage, 'confirmed'> }> = [];
    for (let year = a; year <= b; year++) {
      const coverage = this.coverageOf(year);
      if (coverage !== 'confirmed') found.push({ year, coverage });
    }
    return found;
  }

  isWorkingDay(date: LocalDate): boolean {
    return this.isWorking(dayOf(date), date);
  }

  /** The local day an instant falls on, in the calendar's time zone. */
  localDateOf(instant: Date): LocalDate {
    const t = instant.getTime();
    const last = this.lastDay;
    if (last && t >= last.from && t < last.until) return last.date;
    const local = DateTime.fromJSDate(instant, { zone: this.timezone });
    const date = toLocalDate(local);
    this.lastDay = { date, from: local.startOf('day').toMillis(), until: local.endOf('day').toMillis() + 1 };
    return date;
  }

  /** 23:59:59.999 local time: a deadline "by the end of the day" is not missed until the next day starts. */
  endOfDay(date: LocalDate): Date {
    let end = this.endsOfDays.get(date);
    if (end === undefined) {
      end = this.localDay(date).endOf('day').toMillis();
      if (this.endsOfDays.size >= DAYS_KEPT) this.endsOfDays.clear();
      this.endsOfDays.set(date, end);
    }
    return new Date(end);
  }

  /** A wall-clock time on a local day; a time skipped by a DST change moves forward, as clocks do. */
  at(date: LocalDate, time: TimeOfDay): Date {
    return this.localDay(date).set({ hour: time.hour, minute: time.minute, second: 0, millisecond: 0 }).toJSDate();
  }

  addCalendarDays(date: LocalDate, days: number): LocalDate {
    return plusDays(date, days);
  }

  /** The |days|-th working day after (or, when negative, before) `date`; `date` itself when 0. */
  addWorkingDays(date: LocalDate, days: number): LocalDate {
    const step = days < 0 ? -1 : 1;
    let day = date;
    for (let left = Math.abs(days); left > 0; left--) day = this.scan(plusDays(day, step), step);
    return day;
  }

  /** The first working day strictly after `date`. */
  nextWorkingDay(date: LocalDate): LocalDate {
    return this.scan(plusDays(date, 1), 1);
  }

  /** `date` when it is a working day, else the next working day. */
  workingDayOnOrAfter(date: LocalDate): LocalDate {
    return this.scan(date, 1);
  }

  /** Working days d with from < d <= to; negative (counted the other way) when `to` is earlier. */
  workingDaysBetween(from: LocalDate, to: LocalDate): number {
    if (to < from) return -this.workingDaysBetween(to, from);
    let count = 0;
    const last = dayOf(to);
    for (let day = dayOf(from).plus({ days: 1 }); day <= last; day = day.plus({ days: 1 })) {
      if (this.isWorking(day, toLocalDate(day))) count++;
    }
    return count;
  }

  /** Whole calendar days from `from` to `to`, negative when `to` is earlier. */
  calendarDaysBetween(from: LocalDate, to: LocalDate): number {
    return daysFromTo(from, to);
  }

  private scan(start: LocalDate, step: 1 | -1): LocalDate {
    let day = dayOf(start);
    for (let i = 0; i < MAX_DAYS_SCANNED; i++, day = day.plus({ days: step })) {
      const date = toLocalDate(day);
      if (this.isWorking(day, date)) return date;
    }
    throw new RangeError(`no working day within ${MAX_DAYS_SCANNED} days of ${start}`);
  }

  /** `day` is `date` parsed once: loops over many days would otherwise parse each date three times. */
  private isWorking(day: DateTime, date: LocalDate): boolean {
    const y = this.years.get(day.year);
    if (y?.daysOff.has(date)) return false;
    if (y?.workingDays.has(date)) return true;
    return this.weekdays.has(WEEKDAYS[day.weekday - 1] as Weekday);
  }

  private localDay(date: LocalDate): DateTime {
    const day = DateTime.fromISO(date, { zone: this.timezone });
    if (!day.isValid || toLocalDate(day) !== date) throw new RangeError(`not a YYYY-MM-DD date: "${date}"`);
    return day;
  }
}

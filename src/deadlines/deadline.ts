// Pure: when a case is due. Counted in local days from the day our server received the complaint, ended
// at the end of a local day, moved off a non-working day (ст. 193 ГК РФ) unless configured not to, and
// moved later by the days the case waited for the client. Nothing here reads the clock: `now` is given.
//
// The rules, in full:
// - Counting starts the day after receipt (ст. 191 ГК РФ): N calendar days is the N-th day after the
//   local day of receipt; N working days is the N-th working day after it, whatever the hour of receipt.
// - The deadline is the end of that local day, 23:59:59.999 in the calendar's time zone; the case is
//   overdue from the next millisecond.
// - A calendar-day deadline that falls on a non-working day moves to the next working day
//   (onNonWorkingDay: next-working-day, ст. 193 ГК РФ), or stays (keep).
// - Waiting for the client (awaiting_info) moves the deadline later by whole days in the term's unit:
//   each calendar day (or, for a working-day term, each working day) that began while the case was
//   waiting adds one. Waiting from 10:00 to 16:00 the same day adds nothing; from Monday 18:00 to
//   Tuesday 09:00 adds one day. A wait still open counts the days begun up to `now`. A wait that starts
//   after the deadline has passed does not count: asking the client a question does not undo an overdue.
// - A `#deadline` override replaces the counted deadline exactly; only waits after it was set move it.
import type { BusinessCalendar } from './business-calendar';
import type { LocalDate } from './local-date';

export const DEADLINE_UNITS = ['calendar', 'working'] as const;
export type DeadlineUnit = (typeof DEADLINE_UNITS)[number];

export interface DeadlineTerm {
  readonly days: number;
  readonly unit: DeadlineUnit;
}

export const NON_WORKING_DAY_RULES = ['next-working-day', 'keep'] as const;
export type NonWorkingDayRule = (typeof NON_WORKING_DAY_RULES)[number];

export interface DeadlineOptions {
  readonly onNonWorkingDay: NonWorkingDayRule;
}

export const DEFAULT_DEADLINE_OPTIONS: DeadlineOptions = Object.freeze({ onNonWorkingDay: 'next-working-day' });

/** An awaiting_info period; `end` is null while the case still waits. */
export interface PauseInterval {
  readonly start: Date;
  readonly end: Date | null;
}

/** The latest `#deadline` on the case. */
export interface DeadlineOverride {
  readonly deadline: Date;
  readonly setAt: Date;
}

export interface CaseTiming {
  /** When our mail server received the complaint (INTERNALDATE), not the sender's Date header. */
  readonly receivedAt: Date;
  readonly term: DeadlineTerm;
  readonly override: DeadlineOverride | null;
  readonly pauses: readonly PauseInterval[];
}

export interface EffectiveDeadline {
  /** The last instant of the case's time; overdue when now > deadline. */
  readonly deadline: Date;
  /** The local day the deadline ends. */
  readonly dueDate: LocalDate;
  /** Where the case's time is counted from: receipt, or when the override was set. */
  readonly countedFrom: Date;
  /** Days (in the term's unit) added for waiting on the client, for the case history. */
  readonly pausedDays: number;
  /** True while a counted wait is open: the deadline still moves and nothing should be sent. */
  readonly isPaused: boolean;
  /** When the last counted wait ended, or null. */
  readonly resumedAt: Date | null;
}

/** A case's term: the rule's or category's days (`days`), else the configured default. */
export function termOf(days: number | null, unit: DeadlineUnit, defaultDays: number): DeadlineTerm {
  return { days: days ?? defaultDays, unit };
}

/** The local day that is `days` (calendar or working) days after `from`, with the non-working-day rule. */
export function dueDateFor(from: LocalDate, term: DeadlineTerm, calendar: BusinessCalendar, options: DeadlineOptions = DEFAULT_DEADLINE_OPTIONS): LocalDate {
  if (!Number.isInteger(term.days) || term.days < 1) throw new RangeError(`a deadline is at least 1 day, not ${term.days}`);
  if (term.unit === 'working') return calendar.addWorkingDays(from, term.days);
  return onWorkingDay(calendar.addCalendarDays(from, term.days), calendar, options);
}

export function effectiveDeadline(timing: CaseTiming, now: Date, calendar: BusinessCalendar, options: DeadlineOptions = DEFAULT_DEADLINE_OPTIONS): EffectiveDeadline {
  const { override, term } = timing;
  const countedFrom = override?.setAt ?? timing.receivedAt;
  const start: Start = override
    ? { day: calendar.localDateOf(override.deadline), exact: override.deadline }
    : { day: rawDueDate(calendar.localDateOf(timing.receivedAt), term, calendar), exact: null };
  let pausedDays = 0;
  let isPaused = false;
  let resumedAt: Date | null = null;
  for (const pause of mergedPauses(timing.pauses, countedFrom, now)) {
    if (pause.start > finish(start, pausedDays, term, calendar, options).deadline) break;
    pausedDays += daysBegun(calendar, term, pause.start, pause.end);
    if (pause.isOpen) isPaused = true;
    else resumedAt = pause.end;
  }
  return { ...finish(start, pausedDays, term, calendar, options), countedFrom, pausedDays, isPaused, resumedAt };
}

interface Start {
  /** The due day before the non-working-day rule and before waits. */
  day: LocalDate;
  /** An override's instant, kept as set while no wait has moved it. */
  exact: Date | null;
}

function rawDueDate(receiptDay: LocalDate, term: DeadlineTerm, calendar: BusinessCalendar): LocalDate {
  return dueDateFor(receiptDay, term, calendar, { onNonWorkingDay: 'keep' });
}

function finish(start: Start, pausedDays: number, term: DeadlineTerm, calendar: BusinessCalendar, options: DeadlineOptions): { deadline: Date; dueDate: LocalDate } {
  if (start.exact && pausedDays === 0) return { deadline: start.exact, dueDate: start.day };
  const moved = term.unit === 'working' ? calendar.addWorkingDays(start.day, pausedDays) : calendar.addCalendarDays(start.day, pausedDays);
  const dueDate = term.unit === 'working' ? moved : onWorkingDay(moved, calendar, options);
  return { deadline: calendar.endOfDay(dueDate), dueDate };
}

function onWorkingDay(date: LocalDate, calendar: BusinessCalendar, options: DeadlineOptions): LocalDate {
  return options.onNonWorkingDay === 'next-working-day' ? calendar.workingDayOnOrAfter(date) : date;
}

/** Days of the term's unit that began (local midnight passed) between `start` and `end`. */
function daysBegun(calendar: BusinessCalendar, term: DeadlineTerm, start: Date, end: Date): number {
  const from = calendar.localDateOf(start);
  const to = calendar.localDateOf(end);
  return term.unit === 'working' ? calendar.workingDaysBetween(from, to) : calendar.calendarDaysBetween(from, to);
}

interface Pause {
  start: Date;
  end: Date;
  isOpen: boolean;
}

/** Waits within [countedFrom, now], in order, overlapping ones joined; an open wait ends at `now`. */
function mergedPauses(pauses: readonly PauseInterval[], countedFrom: Date, now: Date): Pause[] {
  const clipped = pauses
    .map((p) => ({
      start: new Date(Math.max(p.start.getTime(), countedFrom.getTime())),
      end: p.end === null || p.end > now ? now : p.end,
      isOpen: p.end === null || p.end > now,
    }))
    .filter((p) => (p.isOpen ? p.end >= p.start : p.end > p.start))
    .sort((a, b) => a.start.getTime() - b.start.getTime());
  const merged: Pause[] = [];
  for (const p of clipped) {
    const last = merged[merged.length - 1];
    if (last && p.start <= last.end) {
      if (p.end > last.end) last.end = p.end;
      last.isOpen = last.isOpen || p.isOpen;
    } else {
      merged.push({ ...p });
    }
  }
  return merged;
}

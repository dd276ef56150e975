// Pure: reads the argument of a staff `#deadline` command, "2026-12-20", "20.12.2026", "+5d", "+5wd",
// "+5д" or "+5рд", into the new deadline, or into a message in Russian and English telling staff what
// to write instead. Relative terms count from today, not from the current deadline.
import type { BusinessCalendar } from './business-calendar';
import { DEFAULT_DEADLINE_OPTIONS, dueDateFor } from './deadline';
import type { DeadlineOptions, DeadlineUnit } from './deadline';
import { isLocalDate } from './local-date';
import type { LocalDate } from './local-date';

export interface Localized {
  readonly ru: string;
  readonly en: string;
}

export type DeadlineArgument =
  /** The deadline is the end of `dueDate`, as for a counted deadline. */
  | { readonly ok: true; readonly deadline: Date; readonly dueDate: LocalDate }
  | { readonly ok: false; readonly error: Localized };

/** A deadline further out than this is far more likely a typo (2062 for 2026) than a plan. */
export const MAX_DAYS_AHEAD = 366;

const ISO = /^\d{4}-\d{2}-\d{2}$/;
const RUSSIAN = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/;
const RELATIVE = /^\+\s*(\d{1,4})\s*(d|wd|д|рд)$/u;

const UNIT: Readonly<Record<string, DeadlineUnit>> = { d: 'calendar', д: 'calendar', wd: 'working', рд: 'working' };

const HOW = {
  ru: 'напишите дату (2026-12-20 или 20.12.2026) или сколько дней добавить (+5д, +5рд рабочих)',
  en: 'write a date (2026-12-20 or 20.12.2026) or days to add (+5d, +5wd for working days)',
};

/**
 * An absolute date is taken as written, even on a non-working day: staff chose it. A relative term
 * is counted like a category's deadline, with the same non-working-day rule.
 */
export function parseDeadlineArgument(
  text: string,
  now: Date,
  calendar: BusinessCalendar,
  options: DeadlineOptions = DEFAULT_DEADLINE_OPTIONS,
): DeadlineArgument {
  const arg = text.trim().toLowerCase();
  const today = calendar.localDateOf(now);
  if (arg === '') return failure(`Укажите новый срок: ${HOW.ru}.`, `Give the new deadline: ${HOW.en}.`);

  const relative = RELATIVE.exec(arg);
  if (relative) {
    const days = Number(relative[1]);
    if (days === 0) return failure('Добавьте хотя бы один день.', 'Add at least one day.');
    const unit = UNIT[relative[2] as string] as DeadlineUnit;
    return accepted(dueDateFor(today, { days, unit }, calendar, options), today, calendar);
  }

  const date = writtenDate(arg);
  if (date === null) return failure(`Не понимаю срок «${text.trim()}»: ${HOW.ru}.`, `Cannot read the deadline "${text.trim()}": ${HOW.en}.`);
  if (!isLocalDate(date)) return failure(`Такой даты нет: ${text.trim()}.`, `There is no such date: ${text.trim()}.`);
  if (date < today) return failure(`Дата ${text.trim()} уже прошла.`, `${text.trim()} is in the past.`);
  return accepted(date, today, calendar);
}

/** "20.12.2026" as "2026-12-20"; null when the text is not written as a date at all. */
function writtenDate(arg: string): string | null {
  if (ISO.test(arg)) return arg;
  const [, day, month, year] = RUSSIAN.exec(arg) ?? [];
  if (day === undefined || month === undefined || year === undefined) return null;
  return `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}

function accepted(dueDate: LocalDate, today: LocalDate, calendar: BusinessCalendar): DeadlineArgument {
  if (calendar.calendarDaysBetween(today, dueDate) > MAX_DAYS_AHEAD) {
    return failure(`Срок ${dueDate} — больше чем через год: проверьте дату.`, `${dueDate} is more than a year ahead: check the date.`);
  }
  return { ok: true, deadline: calendar.endOfDay(dueDate), dueDate };
}

function failure(ru: string, en: string): DeadlineArgument {
  return { ok: false, error: { ru, en } };
}

// Reads the production calendar admins edit (config/calendar/ru.yaml): per year the public holidays and
// the Government's transfers of days off. Checked strictly, every problem with its line, because one
// mistyped date silently moves every deadline that crosses it.
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { isLocalDate, weekdayOf, yearOf } from './local-date';
import type { LocalDate } from './local-date';
import { problemAt, readYaml, schemaProblems } from '../config/yaml-source';
import type { FileProblem, KeyPath } from '../config/yaml-source';
import { RuleFileError } from '../rules/rule-file-error';

/**
 * "Перенести выходной день с субботы 3 января на пятницу 9 января": `to` becomes a day off, and `from`
 * becomes a working day unless it is a public holiday itself (a January holiday on a weekend is moved
 * away, yet stays a holiday).
 */
export interface CalendarTransfer {
  readonly from: LocalDate;
  readonly to: LocalDate;
}

export interface CalendarYear {
  readonly year: number;
  /** False while the year's decree is not published: the data is only what the Labour Code fixes. */
  readonly confirmed: boolean;
  /** Where the data comes from, e.g. the decree's number and date. */
  readonly source: string;
  readonly holidays: readonly LocalDate[];
  readonly transfers: readonly CalendarTransfer[];
}

export interface CalendarData {
  readonly file: string;
  readonly years: ReadonlyMap<number, CalendarYear>;
}

const WHAT = 'the calendar file';

const date = z.string().refine(isLocalDate, { error: 'must be a date written YYYY-MM-DD, such as 2026-01-09' });

const yearSchema = z.strictObject({
  confirmed: z.boolean(),
  source: z.string().min(1),
  holidays: z.array(date).min(1),
  transfers: z.array(z.strictObject({ from: date, to: date })).default([]),
});

/** Years are validated one by one, so one bad year does not hide the problems of the others. */
const fileSchema = z.strictObject({ years: z.record(z.string(), z.unknown()) });

export async function loadCalendarFile(file: string): Promise<CalendarData> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new RuleFileError([{ file, line: 0, message: `cannot read calendar file: ${(err as Error).message}` }], WHAT);
  }
  return parseCalendarFile(file, text);
}

/** Pure: validates the text of a calendar file; throws RuleFileError listing every problem. */
export function parseCalendarFile(file: string, text: string): CalendarData {
  const source = readYaml(file, text);
  if (source.problems.length > 0) throw new RuleFileError(source.problems, WHAT);
  const parsed = fileSchema.safeParse(source.data);
  if (!parsed.success) throw new RuleFileError(schemaProblems(source, parsed.error), WHAT);

  const problems: FileProblem[] = [];
  const years = new Map<number, CalendarYear>();
  for (const [key, raw] of Object.entries(parsed.data.years)) {
    const at = ['years', key];
    if (!/^\d{4}$/.test(key)) {
      problems.push(problemAt(source, at, 'a year is written with four digits, such as 2026'));
      continue;
    }
    const result = yearSchema.safeParse(raw);
    if (!result.success) {
      problems.push(...schemaProblems(source, result.error, at));
      continue;
    }
    const year: CalendarYear = { year: Number(key), ...result.data };
    const found = yearProblems(year, (path, message) => problemAt(source, [...at, ...path], message));
    problems.push(...found);
    if (found.length === 0) years.set(year.year, freeze(year));
  }
  if (problems.length > 0) throw new RuleFileError(problems, WHAT);
  return Object.freeze({ file, years });
}

type Report = (path: KeyPath, message: string) => FileProblem;

function yearProblems(year: CalendarYear, report: Report): FileProblem[] {
  const problems: FileProblem[] = [];
  const check = (path: KeyPath, isBad: boolean, message: string): void => {
    if (isBad) problems.push(report(path, message));
  };
  const holidays = new Set<LocalDate>();
  year.holidays.forEach((d, i) => {
    check(['holidays', i], yearOf(d) !== year.year, `${d} is not in ${year.year}`);
    check(['holidays', i], holidays.has(d), `${d} is listed twice`);
    holidays.add(d);
  });
  // Where each date was first named, so a contradiction can point at both places.
  const daysOff = new Map<LocalDate, number>();
  const workingDays = new Map<LocalDate, number>();
  year.transfers.forEach(({ from, to }, i) => {
    for (const [key, d] of [['from', from], ['to', to]] as const) {
      check(['transfers', i, key], yearOf(d) !== year.year, `${d} is not in ${year.year}`);
    }
    check(['transfers', i, 'from'], !isWeekend(from), `${from} is a ${dayName(from)}: a transfer moves the day off of a Saturday or Sunday`);
    check(['transfers', i, 'to'], isWeekend(to), `${to} is a ${dayName(to)}: a day off is moved to a weekday`);
    check(['transfers', i, 'to'], holidays.has(to), `${to} is a public holiday already`);
    check(['transfers', i, 'to'], daysOff.has(to), `${to} is a day off by transfers[${daysOff.get(to)}] already`);
    if (!holidays.has(from)) {
      check(['transfers', i, 'from'], workingDays.has(from), `${from} is a working day by transfers[${workingDays.get(from)}] already`);
      workingDays.set(from, workingDays.get(from) ?? i);
    }
    daysOff.set(to, daysOff.get(to) ?? i);
  });
  for (const [d, i] of daysOff) {
    const j = workingDays.get(d);
    if (j !== undefined) {
      problems.push(report(['transfers', Math.max(i, j)], `${d} is listed both as a day off (transfers[${i}].to) and as a working day (transfers[${j}].from)`));
    }
  }
  return problems;
}

function isWeekend(d: LocalDate): boolean {
  const day = weekdayOf(d);
  return day === 'sat' || day === 'sun';
}

const DAY_NAMES = { mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday', sun: 'Sunday' };

function dayName(d: LocalDate): string {
  return DAY_NAMES[weekdayOf(d)];
}

function freeze(year: CalendarYear): CalendarYear {
  return Object.freeze({
    ...year,
    holidays: Object.freeze([...year.holidays]),
    transfers: Object.freeze(year.transfers.map((t) => Object.freeze({ ...t }))),
  });
}

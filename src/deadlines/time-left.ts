// Pure: the time to a deadline, or past it, as staff read it on a case: «осталось 3 дня 4 часа»,
// «просрочено на 2 дня», "3 days 4 hours left", "overdue by 2 days". Days are local days in the
// calendar's time zone, so the 23-hour day of a DST change still reads as one day.
import { DateTime } from 'luxon';
import type { BusinessCalendar } from './business-calendar';
import { pluralForm } from '../templates/helpers';

export type TimeLeftLocale = 'ru' | 'en';

type Unit = 'day' | 'hour' | 'minute';

/** one / few / many, as pluralForm takes them. */
type Forms = readonly [string, string, string];

const RU_NOMINATIVE: Record<Unit, Forms> = { day: ['день', 'дня', 'дней'], hour: ['час', 'часа', 'часов'], minute: ['минута', 'минуты', 'минут'] };
/** After «на»: «просрочено на 1 минуту». */
const RU_ACCUSATIVE: Record<Unit, Forms> = { ...RU_NOMINATIVE, minute: ['минуту', 'минуты', 'минут'] };
/** The verb agrees with the first number: «остался 1 день», «осталась 1 минута», «осталось 5 дней». */
const RU_LEFT: Record<Unit, Forms> = { day: ['остался', 'осталось', 'осталось'], hour: ['остался', 'осталось', 'осталось'], minute: ['осталась', 'осталось', 'осталось'] };
const EN: Record<Unit, Forms> = { day: ['day', 'days', 'days'], hour: ['hour', 'hours', 'hours'], minute: ['minute', 'minutes', 'minutes'] };

const MINUTE_MS = 60_000;

/**
 * Shows the two largest units, dropping a zero second one ("2 days", not "2 days 0 hours"). Both ends
 * are rounded to the minute, so the time to a 23:59:59.999 deadline reads in whole hours.
 */
export function describeTimeLeft(deadline: Date, now: Date, locale: TimeLeftLocale, calendar: BusinessCalendar): string {
  const isOverdue = now.getTime() > deadline.getTime();
  const [from, to] = isOverdue ? [deadline, now] : [now, deadline];
  const start = DateTime.fromMillis(roundToMinute(from), { zone: calendar.timezone });
  const end = DateTime.fromMillis(roundToMinute(to), { zone: calendar.timezone });
  const { days = 0, hours = 0, minutes = 0 } = end.diff(start, ['days', 'hours', 'minutes']).toObject();
  const amounts: Array<[Unit, number]> = [
    ['day', days],
    ['hour', hours],
    ['minute', Math.round(minutes)],
  ];
  const first = amounts.findIndex(([, n]) => n > 0);
  if (first < 0) return lessThanAMinute(locale, isOverdue);
  const shown = amounts.slice(first, first + 2).filter(([, n]) => n > 0);
  return locale === 'ru' ? russian(shown, isOverdue) : english(shown, isOverdue);
}

function russian(shown: Array<[Unit, number]>, isOverdue: boolean): string {
  const forms = isOverdue ? RU_ACCUSATIVE : RU_NOMINATIVE;
  const text = shown.map(([unit, n]) => `${n} ${plural(n, forms[unit])}`).join(' ');
  if (isOverdue) return `просрочено на ${text}`;
  const [unit, n] = shown[0] as [Unit, number];
  return `${plural(n, RU_LEFT[unit])} ${text}`;
}

function english(shown: Array<[Unit, number]>, isOverdue: boolean): string {
  const text = shown.map(([unit, n]) => `${n} ${plural(n, EN[unit])}`).join(' ');
  return isOverdue ? `overdue by ${text}` : `${text} left`;
}

function lessThanAMinute(locale: TimeLeftLocale, isOverdue: boolean): string {
  if (locale === 'ru') return isOverdue ? 'просрочено меньше чем на минуту' : 'осталось меньше минуты';
  return isOverdue ? 'overdue by less than a minute' : 'less than a minute left';
}

function plural(n: number, [one, few, many]: Forms): string {
  return pluralForm(n, one, few, many);
}

function roundToMinute(instant: Date): number {
  return Math.round(instant.getTime() / MINUTE_MS) * MINUTE_MS;
}

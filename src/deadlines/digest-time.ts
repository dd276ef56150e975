// Pure: when the next daily digest of cases near or past their deadline is due: the first time after
// `now` that the local clock shows `at`, on a working day when asked (nobody reads it on a holiday).
import type { BusinessCalendar } from './business-calendar';
import { parseTimeOfDay } from './time-of-day';

export function nextDigestTime(now: Date, calendar: BusinessCalendar, at: string, workingDaysOnly: boolean): Date {
  const time = parseTimeOfDay(at);
  const today = calendar.localDateOf(now);
  const isDay = (date: string): boolean => !workingDaysOnly || calendar.isWorkingDay(date);
  const todays = calendar.at(today, time);
  if (isDay(today) && todays > now) return todays;
  const next = workingDaysOnly ? calendar.nextWorkingDay(today) : calendar.addCalendarDays(today, 1);
  return calendar.at(next, time);
}

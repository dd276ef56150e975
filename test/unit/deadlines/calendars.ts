// Calendars for the deadline tests: the shipped Russian production calendar in Moscow (no DST), and the
// same days in Berlin, where days of 23 and 25 hours test the end-of-day math.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { BusinessCalendar } from '../../../src/deadlines/business-calendar';
import { parseCalendarFile } from '../../../src/deadlines/calendar-file';

export const RU_CALENDAR_FILE = path.join(__dirname, '../../../config/calendar/ru.yaml');

export const ruData = parseCalendarFile(RU_CALENDAR_FILE, readFileSync(RU_CALENDAR_FILE, 'utf8'));

export const moscow = new BusinessCalendar({ timezone: 'Europe/Moscow', data: ruData });

export const berlin = new BusinessCalendar({ timezone: 'Europe/Berlin', data: ruData });

/** A Moscow wall-clock time as an instant: "2026-01-09T10:00" is 07:00 UTC (Moscow is UTC+3 all year). */
export function msk(local: string): Date {
  return new Date(`${local}+03:00`);
}

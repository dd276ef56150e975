// A wall-clock time an admin writes in the configuration, "09:00": when the daily digest and the
// reminders counted in days before a deadline are sent, in the calendar's time zone.

export interface TimeOfDay {
  readonly hour: number;
  readonly minute: number;
}

/** HH:MM on the 24-hour clock; quoted in YAML, where 09:00 unquoted could be read as a number. */
export const TIME_OF_DAY = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function parseTimeOfDay(text: string): TimeOfDay {
  const found = TIME_OF_DAY.exec(text);
  if (!found) throw new RangeError(`not a time written HH:MM: "${text}"`);
  return { hour: Number(found[1]), minute: Number(found[2]) };
}

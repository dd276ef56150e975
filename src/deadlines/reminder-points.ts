// The points before a deadline when the assignee is reminded, as an admin writes them in the
// configuration: "50%" (of the case's time) or "1 working day before" / "2 days before". Each has a
// stable key, so a reminder already sent is not sent again when the deadline is recomputed.
import type { DeadlineUnit } from './deadline';

export type ReminderPoint =
  /** At `percent` of the time from receipt (or the last #deadline) to the deadline. */
  | { readonly kind: 'share'; readonly percent: number; readonly key: string }
  /** At deadlines.remindersAt on the day `days` (calendar or working) days before the due day. */
  | { readonly kind: 'before'; readonly days: number; readonly unit: DeadlineUnit; readonly key: string };

const SHARE = /^(\d{1,2})\s*%$/;
const BEFORE = /^(\d{1,2})\s+(working\s+)?days?\s+before$/;

/** The point, or a message saying what is wrong with the text. */
export function parseReminderPoint(text: string): ReminderPoint | string {
  const written = text.trim().toLowerCase().replace(/\s+/g, ' ');
  const share = SHARE.exec(written);
  if (share) {
    const percent = Number(share[1]);
    if (percent < 1) return `"${text}": a share of the time is 1% to 99%`;
    return { kind: 'share', percent, key: `reminder:${percent}%` };
  }
  const before = BEFORE.exec(written);
  if (before) {
    const days = Number(before[1]);
    const unit: DeadlineUnit = before[2] ? 'working' : 'calendar';
    return { kind: 'before', days, unit, key: `reminder:${days}${unit === 'working' ? 'wd' : 'd'}-before` };
  }
  return `"${text}" is not a reminder point: write a share of the case's time such as "50%", or "1 working day before", or "2 days before"`;
}

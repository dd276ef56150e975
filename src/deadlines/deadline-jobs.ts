// Pure: the reminders and the escalation a case's deadline calls for, each with a stable key, so the
// caller can upsert durable job rows keyed by (case, key), skip those already done, and cancel pending
// ones no longer listed. Recompute whenever the deadline changes (a wait begins or ends, #deadline).
//
// - While a counted wait for the client is open, nothing is planned: the deadline is still moving.
// - A reminder point at or before the last change (receipt, #deadline, the end of the last wait) is
//   skipped: staff have just seen the case. A point after the change but already past at planning
//   (the daemon was down) keeps its time, so a scheduler runs it at once. A point at or after the
//   deadline is skipped: the escalation covers it.
// - The escalation is due the first millisecond after the deadline, and is planned even when that is
//   already past: a missed escalation must still happen, once.
import type { BusinessCalendar } from './business-calendar';
import { effectiveDeadline } from './deadline';
import type { CaseTiming, DeadlineOptions, EffectiveDeadline } from './deadline';
import type { ReminderPoint } from './reminder-points';
import { parseTimeOfDay } from './time-of-day';

export interface DeadlineJob {
  readonly kind: 'reminder' | 'escalation';
  /** "reminder:50%", "reminder:1wd-before", "escalation". */
  readonly key: string;
  readonly dueAt: Date;
}

export interface DeadlineJobSettings extends DeadlineOptions {
  readonly reminders: readonly ReminderPoint[];
  /** HH:MM local time at which reminders counted in days before the deadline are sent. */
  readonly remindersAt: string;
  readonly escalation: boolean;
}

export const ESCALATION_KEY = 'escalation';

export function plannedDeadlineJobs(timing: CaseTiming, settings: DeadlineJobSettings, calendar: BusinessCalendar, now: Date): DeadlineJob[] {
  const effective = effectiveDeadline(timing, now, calendar, settings);
  if (effective.isPaused) return [];
  const changedAt = Math.max(effective.countedFrom.getTime(), effective.resumedAt?.getTime() ?? 0);
  const jobs: DeadlineJob[] = [];
  for (const point of settings.reminders) {
    const dueAt = reminderTime(point, effective, settings, calendar);
    if (dueAt.getTime() > changedAt && dueAt < effective.deadline) jobs.push({ kind: 'reminder', key: point.key, dueAt });
  }
  if (settings.escalation) {
    jobs.push({ kind: 'escalation', key: ESCALATION_KEY, dueAt: new Date(effective.deadline.getTime() + 1) });
  }
  return jobs.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || (a.key < b.key ? -1 : 1));
}

function reminderTime(point: ReminderPoint, effective: EffectiveDeadline, settings: DeadlineJobSettings, calendar: BusinessCalendar): Date {
  if (point.kind === 'share') {
    const from = effective.countedFrom.getTime();
    return new Date(from + Math.round(((effective.deadline.getTime() - from) * point.percent) / 100));
  }
  const day =
    point.unit === 'working'
      ? calendar.addWorkingDays(effective.dueDate, -point.days)
      : calendar.addCalendarDays(effective.dueDate, -point.days);
  return calendar.at(day, parseTimeOfDay(settings.remindersAt));
}

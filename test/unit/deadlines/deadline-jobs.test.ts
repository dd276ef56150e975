import { expect } from 'chai';
import { plannedDeadlineJobs } from '../../../src/deadlines/deadline-jobs';
import type { DeadlineJobSettings } from '../../../src/deadlines/deadline-jobs';
import type { CaseTiming } from '../../../src/deadlines/deadline';
import { parseReminderPoint } from '../../../src/deadlines/reminder-points';
import type { ReminderPoint } from '../../../src/deadlines/reminder-points';
import { moscow, msk } from './calendars';

const point = (text: string): ReminderPoint => {
  const p = parseReminderPoint(text);
  if (typeof p === 'string') throw new Error(p);
  return p;
};

const settings: DeadlineJobSettings = {
  onNonWorkingDay: 'next-working-day',
  reminders: [point('50%'), point('1 working day before')],
  remindersAt: '09:00',
  escalation: true,
};

// Received Monday 2 February 2026 at 10:00 Moscow time, 10 calendar days: due at the end of Thursday 12 February.
const received = msk('2026-02-02T10:00');
const tenDays: CaseTiming = { receivedAt: received, term: { days: 10, unit: 'calendar' }, override: null, pauses: [] };

/** Jobs as "key @ Moscow wall-clock time", the way a reviewer checks them. */
function plan(timing: CaseTiming, now: Date, s: DeadlineJobSettings = settings): string[] {
  return plannedDeadlineJobs(timing, s, moscow, now).map((j) => `${j.key} @ ${new Date(j.dueAt.getTime() + 3 * 3600_000).toISOString().slice(0, 23)}`);
}

describe('planned deadline jobs', () => {
  it('plans a reminder at half the time, one a working day before at 09:00, and the escalation as the deadline passes', () => {
    expect(plan(tenDays, received)).to.deep.equal([
      'reminder:50% @ 2026-02-07T17:00:00.000',
      'reminder:1wd-before @ 2026-02-11T09:00:00.000',
      'escalation @ 2026-02-13T00:00:00.000',
    ]);
    expect(plannedDeadlineJobs(tenDays, settings, moscow, received).map((j) => j.kind)).to.deep.equal(['reminder', 'reminder', 'escalation']);
  });

  it('plans nothing while the case waits for the client, and moves every job after the wait', () => {
    const waiting = { ...tenDays, pauses: [{ start: msk('2026-02-03T18:00'), end: null }] };
    expect(plan(waiting, msk('2026-02-04T09:00'))).to.deep.equal([]);
    const resumed = { ...tenDays, pauses: [{ start: msk('2026-02-03T18:00'), end: msk('2026-02-04T09:00') }] };
    expect(plan(resumed, msk('2026-02-04T09:00'))).to.deep.equal([
      'reminder:50% @ 2026-02-08T05:00:00.000',
      'reminder:1wd-before @ 2026-02-12T09:00:00.000',
      'escalation @ 2026-02-14T00:00:00.000',
    ]);
  });

  it('after a #deadline, counts the share from when it was set and skips a point before it', () => {
    const override = { deadline: moscow.endOfDay('2026-02-11'), setAt: msk('2026-02-10T12:00') };
    expect(plan({ ...tenDays, override }, override.setAt)).to.deep.equal([
      'reminder:50% @ 2026-02-11T06:00:00.000',
      'escalation @ 2026-02-12T00:00:00.000',
    ]);
  });

  it('keeps the time of a reminder already past at planning (the daemon was down), so it is sent at once', () => {
    expect(plan(tenDays, msk('2026-02-08T12:00'))[0]).to.equal('reminder:50% @ 2026-02-07T17:00:00.000');
  });

  it('skips a reminder point that falls before receipt, as for a one-day case', () => {
    const oneDay = { ...tenDays, receivedAt: msk('2026-02-12T10:00'), term: { days: 1, unit: 'working' as const } };
    expect(plan(oneDay, oneDay.receivedAt)).to.deep.equal(['reminder:50% @ 2026-02-13T05:00:00.000', 'escalation @ 2026-02-14T00:00:00.000']);
  });

  it('plans an escalation already due for an overdue case, even if staff have since asked the client something', () => {
    const overdue = { ...tenDays, pauses: [{ start: msk('2026-02-14T10:00'), end: null }] };
    expect(plan(overdue, msk('2026-02-15T10:00'))).to.deep.equal([
      'reminder:50% @ 2026-02-07T17:00:00.000',
      'reminder:1wd-before @ 2026-02-11T09:00:00.000',
      'escalation @ 2026-02-13T00:00:00.000',
    ]);
  });

  it('plans no escalation when escalation is off, and only the configured reminders', () => {
    expect(plan(tenDays, received, { ...settings, escalation: false, reminders: [point('2 days before')] })).to.deep.equal(['reminder:2d-before @ 2026-02-10T09:00:00.000']);
  });
});

import { expect } from 'chai';
import { dueDateFor, effectiveDeadline, termOf } from '../../../src/deadlines/deadline';
import type { CaseTiming, DeadlineOptions, DeadlineTerm, PauseInterval } from '../../../src/deadlines/deadline';
import { berlin, moscow, msk } from './calendars';

const calendarDays = (days: number): DeadlineTerm => ({ days, unit: 'calendar' });
const workingDays = (days: number): DeadlineTerm => ({ days, unit: 'working' });

function timing(receivedAt: Date, term: DeadlineTerm, pauses: PauseInterval[] = [], override: CaseTiming['override'] = null): CaseTiming {
  return { receivedAt, term, pauses, override };
}

/** The effective deadline as Moscow wall-clock text, which is what staff see. */
function dueIn(t: CaseTiming, now: Date, options: DeadlineOptions = { onNonWorkingDay: 'next-working-day' }): string {
  const { deadline } = effectiveDeadline(t, now, moscow, options);
  return new Date(deadline.getTime() + 3 * 3600_000).toISOString().replace('Z', '').replace('.999', '');
}

/** A "now" well after every case in these tests. */
const later = msk('2026-03-01T12:00');

const pause = (start: string, end: string | null): PauseInterval => ({ start: msk(start), end: end === null ? null : msk(end) });

describe('deadline', () => {
  describe('counting from receipt', () => {
    it('ends 10 calendar days after the local day of receipt, at 23:59:59 Moscow time', () => {
      const t = timing(msk('2026-02-02T15:00'), calendarDays(10));
      expect(dueIn(t, msk('2026-02-02T15:00'))).to.equal('2026-02-12T23:59:59');
      expect(effectiveDeadline(t, msk('2026-02-02T15:00'), moscow).deadline.toISOString()).to.equal('2026-02-12T20:59:59.999Z');
    });

    it('does not depend on the hour of receipt, but on the local day: 02:30 Moscow is already the next day', () => {
      const early = timing(msk('2026-02-02T00:05'), calendarDays(10));
      const late = timing(msk('2026-02-02T23:55'), calendarDays(10));
      const utcEvening = timing(new Date('2026-02-01T23:30:00Z'), calendarDays(10));
      for (const t of [early, late, utcEvening]) expect(dueIn(t, t.receivedAt)).to.equal('2026-02-12T23:59:59');
    });

    it('moves a calendar-day deadline off a non-working day to the next working day (ст. 193 ГК РФ)', () => {
      // 25 February + 10 days is Saturday 7 March; 8 March is a Sunday holiday and 9 March its day off.
      const t = timing(msk('2026-02-25T12:00'), calendarDays(10));
      expect(dueIn(t, t.receivedAt)).to.equal('2026-03-10T23:59:59');
      expect(dueIn(t, t.receivedAt, { onNonWorkingDay: 'keep' })).to.equal('2026-03-07T23:59:59');
    });

    it('runs a calendar-day deadline across New Year into the first working day after the January holidays', () => {
      const t = timing(msk('2026-12-25T12:00'), calendarDays(10));
      expect(dueIn(t, t.receivedAt)).to.equal('2027-01-11T23:59:59');
    });

    it('counts working days past the transferred 31 December and the January holidays', () => {
      const t = timing(msk('2026-12-28T09:00'), workingDays(5));
      expect(dueIn(t, t.receivedAt)).to.equal('2027-01-13T23:59:59');
    });

    it('counts working days from a complaint received on a holiday as from any other day', () => {
      const t = timing(msk('2026-01-05T11:00'), workingDays(3));
      expect(dueIn(t, t.receivedAt)).to.equal('2026-01-14T23:59:59');
    });

    it('ends the day at local midnight in Berlin across the spring DST change, an hour earlier in UTC than before it', () => {
      const t = timing(new Date('2026-03-20T10:00:00Z'), calendarDays(10));
      expect(effectiveDeadline(t, t.receivedAt, berlin).deadline.toISOString()).to.equal('2026-03-30T21:59:59.999Z');
      expect(effectiveDeadline(t, t.receivedAt, moscow).deadline.toISOString()).to.equal('2026-03-30T20:59:59.999Z');
      const before = timing(new Date('2026-03-10T10:00:00Z'), calendarDays(10));
      expect(effectiveDeadline(before, before.receivedAt, berlin).deadline.toISOString()).to.equal('2026-03-20T22:59:59.999Z');
    });

    it('takes the default days when neither rule nor category sets them, and refuses a zero-day term', () => {
      expect(termOf(null, 'calendar', 30)).to.deep.equal({ days: 30, unit: 'calendar' });
      expect(termOf(10, 'working', 30)).to.deep.equal({ days: 10, unit: 'working' });
      expect(() => dueDateFor('2026-02-02', calendarDays(0), moscow)).to.throw(RangeError);
    });
  });

  describe('waiting for the client', () => {
    const received = msk('2026-02-02T10:00');

    it('a wait within one day adds nothing; a wait across midnight adds a day', () => {
      expect(dueIn(timing(received, calendarDays(10), [pause('2026-02-03T10:00', '2026-02-03T16:00')]), later)).to.equal('2026-02-12T23:59:59');
      const overnight = timing(received, calendarDays(10), [pause('2026-02-03T18:00', '2026-02-04T09:00')]);
      expect(dueIn(overnight, later)).to.equal('2026-02-13T23:59:59');
      expect(effectiveDeadline(overnight, later, moscow)).to.include({ pausedDays: 1, isPaused: false });
    });

    it('an open wait counts the days begun so far and keeps the deadline moving', () => {
      const t = timing(received, calendarDays(10), [pause('2026-02-05T12:00', null)]);
      expect(dueIn(t, msk('2026-02-05T20:00'))).to.equal('2026-02-12T23:59:59');
      const twoDaysOn = effectiveDeadline(t, msk('2026-02-07T08:00'), moscow);
      // 12 + 2 is Saturday 14 February: moved to Monday 16.
      expect({ dueDate: twoDaysOn.dueDate, pausedDays: twoDaysOn.pausedDays, isPaused: twoDaysOn.isPaused }).to.deep.equal({ dueDate: '2026-02-16', pausedDays: 2, isPaused: true });
    });

    it('a wait over a weekend adds one working day to a working-day term, three days to a calendar-day one', () => {
      const weekend = [pause('2026-02-06T18:00', '2026-02-09T09:00')];
      expect(dueIn(timing(received, workingDays(5), weekend), later)).to.equal('2026-02-10T23:59:59');
      expect(dueIn(timing(received, calendarDays(10), weekend), later)).to.equal('2026-02-16T23:59:59');
    });

    it('a wait that began on the last day still counts in full', () => {
      const t = timing(received, calendarDays(10), [pause('2026-02-12T10:00', '2026-02-16T10:00')]);
      expect(dueIn(t, later)).to.equal('2026-02-16T23:59:59');
    });

    it('a wait that begins after the deadline does not undo the overdue, even while it is open', () => {
      const t = timing(received, calendarDays(10), [pause('2026-02-13T10:00', null)]);
      expect(effectiveDeadline(t, msk('2026-02-20T10:00'), moscow)).to.include({ dueDate: '2026-02-12', pausedDays: 0, isPaused: false });
    });

    it('overlapping waits are counted once, and a wait begun before receipt only from receipt', () => {
      const overlapping = [pause('2026-02-03T10:00', '2026-02-05T10:00'), pause('2026-02-04T10:00', '2026-02-06T10:00')];
      expect(effectiveDeadline(timing(received, calendarDays(10), overlapping), later, moscow).pausedDays).to.equal(3);
      const early = [pause('2026-01-30T10:00', '2026-02-03T10:00')];
      expect(effectiveDeadline(timing(received, calendarDays(10), early), later, moscow).pausedDays).to.equal(1);
    });

    it('says when the last wait ended, for planning reminders after it', () => {
      const t = timing(received, calendarDays(10), [pause('2026-02-03T18:00', '2026-02-04T09:00')]);
      expect(effectiveDeadline(t, later, moscow).resumedAt?.toISOString()).to.equal(msk('2026-02-04T09:00').toISOString());
    });
  });

  describe('#deadline overrides', () => {
    const received = msk('2026-02-02T10:00');
    const override = { deadline: moscow.endOfDay('2026-02-20'), setAt: msk('2026-02-10T12:00') };

    it('replaces the counted deadline exactly, counted from when it was set', () => {
      const result = effectiveDeadline(timing(received, calendarDays(10), [], override), msk('2026-02-11T00:00'), moscow);
      expect(result.deadline).to.deep.equal(override.deadline);
      expect(result.countedFrom).to.deep.equal(override.setAt);
    });

    it('is moved only by waits after it was set, and then off the holiday it lands on', () => {
      const pauses = [pause('2026-02-03T10:00', '2026-02-05T10:00'), pause('2026-02-15T12:00', '2026-02-17T12:00')];
      // 20 + 2 is Sunday 22 February; Monday 23 February is a holiday.
      expect(dueIn(timing(received, calendarDays(10), pauses, override), later)).to.equal('2026-02-24T23:59:59');
    });
  });
});

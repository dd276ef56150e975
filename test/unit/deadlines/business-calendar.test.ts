import { expect } from 'chai';
import { BusinessCalendar } from '../../../src/deadlines/business-calendar';
import { parseCalendarFile } from '../../../src/deadlines/calendar-file';
import { berlin, moscow, ruData } from './calendars';

// 2024 has working Saturdays, which 2026 has not: Постановление Правительства РФ от 10.08.2023 № 1314.
const with2024 = parseCalendarFile(
  'y2024.yaml',
  [
    'years:',
    '  2024:',
    '    confirmed: true',
    '    source: Постановление Правительства РФ от 10.08.2023 № 1314',
    '    holidays: [2024-01-01, 2024-01-02, 2024-01-03, 2024-01-04, 2024-01-05, 2024-01-06, 2024-01-07, 2024-01-08,',
    '               2024-02-23, 2024-03-08, 2024-05-01, 2024-05-09, 2024-06-12, 2024-11-04]',
    '    transfers:',
    '      - { from: 2024-01-06, to: 2024-05-10 }',
    '      - { from: 2024-01-07, to: 2024-12-31 }',
    '      - { from: 2024-04-27, to: 2024-04-29 }',
    '      - { from: 2024-11-02, to: 2024-04-30 }',
    '      - { from: 2024-12-28, to: 2024-12-30 }',
  ].join('\n'),
);
const calendar2024 = new BusinessCalendar({ timezone: 'Europe/Moscow', data: with2024 });

const days = (from: string, to: string): string[] => {
  const out: string[] = [];
  for (let d = from; d <= to; d = moscow.addCalendarDays(d, 1)) out.push(d);
  return out;
};

describe('business calendar', () => {
  describe('working days', () => {
    it('the January holidays of 2026 run from 1 to 11 January, and work starts on Monday 12 January', () => {
      expect(days('2026-01-01', '2026-01-12').filter((d) => moscow.isWorkingDay(d))).to.deep.equal(['2026-01-12']);
    });

    it('a transferred day off is not a working day: Friday 9 January and Thursday 31 December 2026', () => {
      expect(moscow.isWorkingDay('2026-01-09')).to.equal(false);
      expect(moscow.isWorkingDay('2026-12-31')).to.equal(false);
      expect(moscow.isWorkingDay('2026-12-30')).to.equal(true);
    });

    it('a holiday on a Sunday gives the Monday off (8 March 2026 is a Sunday, so 9 March is off)', () => {
      expect(moscow.isWorkingDay('2026-03-09')).to.equal(false);
      expect(moscow.isWorkingDay('2026-03-10')).to.equal(true);
    });

    it('a working Saturday is a working day and its transferred Monday is not (27 and 29 April 2024)', () => {
      expect(calendar2024.isWorkingDay('2024-04-27')).to.equal(true);
      expect(calendar2024.isWorkingDay('2024-04-29')).to.equal(false);
      expect(calendar2024.addWorkingDays('2024-04-26', 1)).to.equal('2024-04-27');
      expect(calendar2024.addWorkingDays('2024-04-27', 1)).to.equal('2024-05-02');
    });

    it('a Saturday holiday moved away by decree stays a holiday (6 January 2024)', () => {
      expect(calendar2024.isWorkingDay('2024-01-06')).to.equal(false);
    });

    it('counts 247 working days in 2026 and 15 in January 2026, as the published production calendar does', () => {
      expect(moscow.workingDaysBetween('2025-12-31', '2026-12-31')).to.equal(247);
      expect(moscow.workingDaysBetween('2025-12-31', '2026-01-31')).to.equal(15);
    });

    it('a six-day week works on an ordinary Saturday but not on a holiday', () => {
      const sixDays = new BusinessCalendar({ timezone: 'Europe/Moscow', workingWeekdays: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat'], data: ruData });
      expect(sixDays.isWorkingDay('2026-01-17')).to.equal(true);
      expect(sixDays.isWorkingDay('2026-01-03')).to.equal(false);
      expect(sixDays.isWorkingDay('2026-01-18')).to.equal(false);
    });
  });

  describe('years outside the file', () => {
    it('follow the weekday rule alone, and say so', () => {
      expect(moscow.coverageOf(2026)).to.equal('confirmed');
      expect(moscow.coverageOf(2027)).to.equal('unconfirmed');
      expect(moscow.coverageOf(2028)).to.equal('weekdays-only');
      expect(moscow.isWorkingDay('2028-01-03')).to.equal(true);
      expect(moscow.isWorkingDay('2028-01-08')).to.equal(false);
    });

    it('lists the uncertain years a span of days crosses, for a warning', () => {
      expect(moscow.uncertainYears('2026-12-20', '2026-12-31')).to.deep.equal([]);
      expect(moscow.uncertainYears('2028-02-01', '2026-12-20')).to.deep.equal([
        { year: 2027, coverage: 'unconfirmed' },
        { year: 2028, coverage: 'weekdays-only' },
      ]);
    });

    it('a calendar without a file knows weekends only', () => {
      const plain = new BusinessCalendar({ timezone: 'Europe/Moscow' });
      expect(plain.isWorkingDay('2026-01-01')).to.equal(true);
      expect(plain.coverageOf(2026)).to.equal('weekdays-only');
    });
  });

  describe('day arithmetic', () => {
    it('counts working days across New Year: 5 working days after Monday 28 December 2026 end on 13 January 2027', () => {
      expect(moscow.addWorkingDays('2026-12-28', 5)).to.equal('2027-01-13');
      expect(moscow.workingDaysBetween('2026-12-28', '2027-01-13')).to.equal(5);
    });

    it('counts backwards past a long weekend, and 0 working days is the day itself', () => {
      expect(moscow.addWorkingDays('2026-03-10', -1)).to.equal('2026-03-06');
      expect(moscow.addWorkingDays('2026-03-08', 0)).to.equal('2026-03-08');
      expect(moscow.workingDaysBetween('2026-03-10', '2026-03-06')).to.equal(-1);
    });

    it('finds the next working day, and keeps a working day that is asked for "on or after"', () => {
      expect(moscow.nextWorkingDay('2026-12-30')).to.equal('2027-01-11');
      expect(moscow.nextWorkingDay('2026-05-08')).to.equal('2026-05-12');
      expect(moscow.workingDayOnOrAfter('2026-05-08')).to.equal('2026-05-08');
      expect(moscow.workingDayOnOrAfter('2026-05-09')).to.equal('2026-05-12');
    });

    it('adds calendar days over month and year ends, leap day included', () => {
      expect(moscow.addCalendarDays('2026-12-25', 10)).to.equal('2027-01-04');
      expect(moscow.addCalendarDays('2028-02-28', 1)).to.equal('2028-02-29');
      expect(moscow.calendarDaysBetween('2026-12-25', '2027-01-04')).to.equal(10);
    });
  });

  describe('instants and local days', () => {
    it('takes the local day of an instant in the calendar\'s zone', () => {
      const instant = new Date('2026-01-08T21:30:00Z');
      expect(moscow.localDateOf(instant)).to.equal('2026-01-09');
      expect(berlin.localDateOf(instant)).to.equal('2026-01-08');
    });

    it('asked again and again, still tells the day on each side of local midnight, on a 25-hour day too', () => {
      const at = (iso: string): string => berlin.localDateOf(new Date(iso));
      const seen = ['2026-10-24T21:59:59.999Z', '2026-10-24T22:00:00.000Z', '2026-10-25T22:59:59.999Z', '2026-10-25T23:00:00.000Z', '2026-10-25T12:00:00.000Z', '2026-10-24T21:59:59.999Z'].map(at);
      expect(seen).to.deep.equal(['2026-10-24', '2026-10-25', '2026-10-25', '2026-10-26', '2026-10-25', '2026-10-24']);
      expect([moscow.endOfDay('2026-01-15'), moscow.endOfDay('2026-01-15')].map((d) => d.toISOString())).to.deep.equal(['2026-01-15T20:59:59.999Z', '2026-01-15T20:59:59.999Z']);
    });

    it('ends a Moscow day at 23:59:59.999, UTC+3 the whole year', () => {
      expect(moscow.endOfDay('2026-01-15').toISOString()).to.equal('2026-01-15T20:59:59.999Z');
      expect(moscow.endOfDay('2026-07-15').toISOString()).to.equal('2026-07-15T20:59:59.999Z');
    });

    it('ends a Berlin day at local midnight through both DST changes (days of 23 and 25 hours)', () => {
      const hoursOf = (date: string): number => (berlin.endOfDay(date).getTime() - berlin.endOfDay(berlin.addCalendarDays(date, -1)).getTime()) / 3600_000;
      expect(berlin.endOfDay('2026-03-29').toISOString()).to.equal('2026-03-29T21:59:59.999Z');
      expect(berlin.endOfDay('2026-10-25').toISOString()).to.equal('2026-10-25T22:59:59.999Z');
      expect([hoursOf('2026-03-29'), hoursOf('2026-06-15'), hoursOf('2026-10-25')]).to.deep.equal([23, 24, 25]);
    });

    it('puts a wall-clock time skipped by the spring DST change an hour later', () => {
      expect(berlin.at('2026-03-29', { hour: 2, minute: 30 }).toISOString()).to.equal('2026-03-29T01:30:00.000Z');
      expect(moscow.at('2026-03-29', { hour: 9, minute: 0 }).toISOString()).to.equal('2026-03-29T06:00:00.000Z');
    });
  });

  it('refuses an unknown time zone, an empty working week and a malformed date', () => {
    expect(() => new BusinessCalendar({ timezone: 'Europe/Moskva' })).to.throw(/unknown time zone/);
    expect(() => new BusinessCalendar({ timezone: 'UTC', workingWeekdays: [] })).to.throw(/at least one working weekday/);
    expect(() => moscow.isWorkingDay('2026-1-9')).to.throw(RangeError);
    expect(() => moscow.endOfDay('2026-02-30')).to.throw(RangeError);
    expect(() => moscow.addCalendarDays('2026-02-30', 1)).to.throw(RangeError);
    expect(() => moscow.addCalendarDays('2026-1-9', 1)).to.throw(RangeError);
  });
});

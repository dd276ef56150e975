import { expect } from 'chai';
import { changeLabel, digestPeriod, nextDepartmentDigest } from '../../../src/digests/digest-schedule';
import { BusinessCalendar } from '../../../src/deadlines/business-calendar';

const calendar = new BusinessCalendar({ timezone: 'Europe/Moscow' });

describe('digest schedule', () => {
  it('a weekly digest comes on its weekday at its local time', () => {
    // Tuesday 1 December 2026, 12:00 Moscow: the next Monday 09:00 Moscow is 7 December, 06:00 UTC.
    expect(nextDepartmentDigest(new Date('2026-12-01T09:00:00Z'), calendar, { every: 'weekly', weekday: 'mon', at: '09:00' })?.toISOString()).to.equal('2026-12-07T06:00:00.000Z');
  });

  it('a daily digest comes the next time the clock shows its hour', () => {
    expect(nextDepartmentDigest(new Date('2026-12-01T05:00:00Z'), calendar, { every: 'daily', weekday: 'mon', at: '09:00' })?.toISOString()).to.equal('2026-12-01T06:00:00.000Z');
    expect(nextDepartmentDigest(new Date('2026-12-01T06:00:00Z'), calendar, { every: 'daily', weekday: 'mon', at: '09:00' })?.toISOString()).to.equal('2026-12-02T06:00:00.000Z');
  });

  it('an "off" digest is never due', () => {
    expect(nextDepartmentDigest(new Date('2026-12-01T05:00:00Z'), calendar, { every: 'off', weekday: 'mon', at: '09:00' })).to.equal(null);
  });

  it('a weekly digest covers the week before it and compares with the week before that', () => {
    const p = digestPeriod(new Date('2026-12-07T06:00:00Z'), 'weekly');
    expect(p.from.toISOString()).to.equal('2026-11-30T06:00:00.000Z');
    expect(p.previousFrom.toISOString()).to.equal('2026-11-23T06:00:00.000Z');
  });

  it('the change against the previous period reads naturally in both languages', () => {
    expect(changeLabel(6, 4, 'en')).to.equal('+2 (+50 %)');
    expect(changeLabel(2, 4, 'ru')).to.equal('−2 (−50 %)');
    expect(changeLabel(3, 0, 'en')).to.equal('new');
    expect(changeLabel(3, 3, 'ru')).to.equal('без изменений');
  });
});

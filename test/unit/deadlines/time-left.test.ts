import { expect } from 'chai';
import { describeTimeLeft } from '../../../src/deadlines/time-left';
import { berlin, moscow, msk } from './calendars';

const deadline = moscow.endOfDay('2026-02-12');
const ru = (now: Date): string => describeTimeLeft(deadline, now, 'ru', moscow);
const en = (now: Date): string => describeTimeLeft(deadline, now, 'en', moscow);

describe('time left', () => {
  it('shows days and hours while more than a day is left, to a deadline at the end of the day', () => {
    expect(ru(msk('2026-02-09T20:00'))).to.equal('осталось 3 дня 4 часа');
    expect(en(msk('2026-02-09T20:00'))).to.equal('3 days 4 hours left');
  });

  it('drops a zero second unit and agrees the Russian verb with the number', () => {
    expect(ru(msk('2026-02-11T00:00'))).to.equal('осталось 2 дня');
    expect(ru(msk('2026-02-12T00:00'))).to.equal('остался 1 день');
    expect(en(msk('2026-02-12T00:00'))).to.equal('1 day left');
    expect(ru(msk('2026-01-23T00:00'))).to.equal('остался 21 день');
    expect(ru(msk('2026-01-29T00:00'))).to.equal('осталось 15 дней');
  });

  it('shows hours and minutes on the last day, and minutes in the last hour', () => {
    expect(ru(msk('2026-02-12T18:30'))).to.equal('осталось 5 часов 30 минут');
    expect(ru(msk('2026-02-12T22:59'))).to.equal('остался 1 час 1 минута');
    expect(ru(msk('2026-02-12T23:59'))).to.equal('осталась 1 минута');
    expect(en(msk('2026-02-12T23:58'))).to.equal('2 minutes left');
    expect(ru(msk('2026-02-12T23:59:50'))).to.equal('осталось меньше минуты');
  });

  it('shows an overdue case in the accusative, «просрочено на 1 минуту»', () => {
    expect(ru(msk('2026-02-15T00:00'))).to.equal('просрочено на 2 дня');
    expect(en(msk('2026-02-15T00:00'))).to.equal('overdue by 2 days');
    expect(ru(msk('2026-02-13T05:00'))).to.equal('просрочено на 5 часов');
    expect(ru(msk('2026-02-13T00:01'))).to.equal('просрочено на 1 минуту');
    expect(ru(msk('2026-02-18T03:00'))).to.equal('просрочено на 5 дней 3 часа');
    expect(en(msk('2026-02-13T00:00:20'))).to.equal('overdue by less than a minute');
  });

  it('counts the 23-hour day of the spring DST change in Berlin as one day', () => {
    const berlinDeadline = berlin.endOfDay('2026-03-29');
    const now = new Date('2026-03-27T23:00:00Z'); // midnight at the start of 28 March in Berlin
    expect(describeTimeLeft(berlinDeadline, now, 'en', berlin)).to.equal('2 days left');
    expect(berlinDeadline.getTime() - now.getTime()).to.equal(47 * 3600_000 - 1);
  });
});

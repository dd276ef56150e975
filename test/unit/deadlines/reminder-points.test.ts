import { expect } from 'chai';
import { parseReminderPoint } from '../../../src/deadlines/reminder-points';

describe('reminder points', () => {
  it('reads a share of the time and days before the deadline, each with a stable key', () => {
    expect(parseReminderPoint('50%')).to.deep.equal({ kind: 'share', percent: 50, key: 'reminder:50%' });
    expect(parseReminderPoint('1 working day before')).to.deep.equal({ kind: 'before', days: 1, unit: 'working', key: 'reminder:1wd-before' });
    expect(parseReminderPoint('2 days before')).to.deep.equal({ kind: 'before', days: 2, unit: 'calendar', key: 'reminder:2d-before' });
  });

  it('forgives capitals, extra spaces and "day" for "days"', () => {
    expect(parseReminderPoint(' 75 % ')).to.include({ key: 'reminder:75%' });
    expect(parseReminderPoint('3  Working  Day before')).to.include({ key: 'reminder:3wd-before' });
    expect(parseReminderPoint('0 days before')).to.include({ key: 'reminder:0d-before' });
  });

  it('explains what to write instead of an unreadable point or 0%', () => {
    expect(parseReminderPoint('half way')).to.equal('"half way" is not a reminder point: write a share of the case\'s time such as "50%", or "1 working day before", or "2 days before"');
    expect(parseReminderPoint('0%')).to.equal('"0%": a share of the time is 1% to 99%');
    for (const text of ['100%', '1 working day after', 'one day before', '-1 days before']) expect(parseReminderPoint(text), text).to.be.a('string');
  });
});

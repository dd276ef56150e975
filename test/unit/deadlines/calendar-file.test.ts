import { expect } from 'chai';
import { parseCalendarFile } from '../../../src/deadlines/calendar-file';
import { problemLines } from '../rules/rule-sets';
import { ruData } from './calendars';

const year = (lines: string[]): string => ['years:', '  2026:', '    confirmed: true', '    source: test', ...lines].join('\n');

describe('calendar file', () => {
  it('the shipped ru.yaml has 2026 confirmed by decree № 1466 and 2027 marked as not confirmed', () => {
    const y2026 = ruData.years.get(2026);
    const y2027 = ruData.years.get(2027);
    expect(y2026?.confirmed).to.equal(true);
    expect(y2026?.source).to.contain('№ 1466');
    expect(y2026?.holidays).to.have.length(14);
    expect(y2027?.confirmed).to.equal(false);
    expect(y2027?.holidays).to.have.length(14);
  });

  it('the shipped 2027 data has no January transfers: those are the decree\'s to make', () => {
    const transfers = ruData.years.get(2027)?.transfers ?? [];
    expect(transfers.filter((t) => t.from.startsWith('2027-01'))).to.deep.equal([]);
  });

  it('reads dates, holidays and transfers', () => {
    const data = parseCalendarFile('c.yaml', year(['    holidays: [2026-01-01]', '    transfers:', '      - { from: 2026-01-03, to: 2026-01-09 }']));
    expect(data.years.get(2026)).to.deep.equal({
      year: 2026,
      confirmed: true,
      source: 'test',
      holidays: ['2026-01-01'],
      transfers: [{ from: '2026-01-03', to: '2026-01-09' }],
    });
  });

  it('reports a date that does not exist and a date outside its year, each at its line', async () => {
    const text = year(['    holidays:', '      - 2026-02-30', '      - 2027-01-01']);
    expect(await problemLines(() => parseCalendarFile('c.yaml', text))).to.deep.equal([
      'c.yaml:6: years.2026.holidays[0]: must be a date written YYYY-MM-DD, such as 2026-01-09',
    ]);
    const outside = year(['    holidays:', '      - 2026-01-01', '      - 2027-01-01']);
    expect(await problemLines(() => parseCalendarFile('c.yaml', outside))).to.deep.equal(['c.yaml:7: years.2026.holidays[1]: 2027-01-01 is not in 2026']);
  });

  it('rejects a date listed both as a day off and as a working day', async () => {
    const text = year([
      '    holidays: [2026-01-01]',
      '    transfers:',
      '      - { from: 2026-05-02, to: 2026-05-04 }',
      '      - { from: 2026-05-09, to: 2026-05-11 }',
      '      - { from: 2026-05-16, to: 2026-05-02 }',
    ]);
    const problems = await problemLines(() => parseCalendarFile('c.yaml', text));
    expect(problems).to.include('c.yaml:9: years.2026.transfers[2].to: 2026-05-02 is a Saturday: a day off is moved to a weekday');
    expect(problems).to.include('c.yaml:9: years.2026.transfers[2]: 2026-05-02 is listed both as a day off (transfers[2].to) and as a working day (transfers[0].from)');
  });

  it('rejects a transfer from a weekday or onto a holiday, which is how a mistyped date shows', async () => {
    const text = year(['    holidays: [2026-01-01, 2026-02-23]', '    transfers:', '      - { from: 2026-01-05, to: 2026-02-23 }']);
    expect(await problemLines(() => parseCalendarFile('c.yaml', text))).to.deep.equal([
      'c.yaml:7: years.2026.transfers[0].from: 2026-01-05 is a Monday: a transfer moves the day off of a Saturday or Sunday',
      'c.yaml:7: years.2026.transfers[0].to: 2026-02-23 is a public holiday already',
    ]);
  });

  it('rejects unknown keys, a missing source and a year not written with four digits', async () => {
    const text = ['years:', '  2026:', '    confirmed: true', '    holiday: [2026-01-01]', '  26:', '    confirmed: true'].join('\n');
    expect(await problemLines(() => parseCalendarFile('c.yaml', text))).to.deep.equal([
      'c.yaml:2: years.2026: missing required key "source"',
      'c.yaml:2: years.2026: missing required key "holidays"',
      'c.yaml:4: years.2026.holiday: unknown key "holiday"',
      'c.yaml:5: years.26: a year is written with four digits, such as 2026',
    ]);
  });

  it('names the calendar file, not rule files, in its error', () => {
    expect(() => parseCalendarFile('c.yaml', 'years: [')).to.throw(/in the calendar file:\nc\.yaml:1: /);
  });
});

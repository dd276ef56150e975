import { expect } from 'chai';
import { parseDeadlineArgument } from '../../../src/deadlines/deadline-argument';
import { moscow, msk } from './calendars';

// Thursday 17 December 2026, late evening in Moscow: the UTC date is still the 17th, the local one too.
const now = msk('2026-12-17T22:00');

function dueDate(text: string, at = now): string {
  const result = parseDeadlineArgument(text, at, moscow);
  if (!result.ok) throw new Error(`expected "${text}" to be accepted: ${result.error.en}`);
  return result.dueDate;
}

function errors(text: string, at = now): { ru: string; en: string } {
  const result = parseDeadlineArgument(text, at, moscow);
  if (result.ok) throw new Error(`expected "${text}" to be refused, got ${result.dueDate}`);
  return result.error;
}

describe('#deadline argument', () => {
  it('takes an ISO date and a Russian date as the end of that local day', () => {
    const result = parseDeadlineArgument('2026-12-20', now, moscow);
    expect(result).to.deep.equal({ ok: true, deadline: moscow.endOfDay('2026-12-20'), dueDate: '2026-12-20' });
    expect(dueDate('20.12.2026')).to.equal('2026-12-20');
    expect(dueDate(' 5.1.2027 ')).to.equal('2027-01-05');
  });

  it('keeps an absolute date on a non-working day as written: staff chose it', () => {
    expect(dueDate('2026-12-31')).to.equal('2026-12-31');
  });

  it('counts +5d and +5д in calendar days from today, moved off a non-working day', () => {
    expect(dueDate('+5d')).to.equal('2026-12-22');
    expect(dueDate('+5д')).to.equal('2026-12-22');
    // 17 + 14 is 31 December, a transferred day off; the next working day is 11 January.
    expect(dueDate('+14д')).to.equal('2027-01-11');
  });

  it('counts +5wd and +5рд in working days, skipping the New Year holidays', () => {
    expect(dueDate('+5wd')).to.equal('2026-12-24');
    expect(dueDate('+9рд')).to.equal('2026-12-30');
    expect(dueDate('+10рд')).to.equal('2027-01-11');
    expect(dueDate('+5РД')).to.equal('2026-12-24');
    expect(dueDate('+ 5 wd')).to.equal('2026-12-24');
  });

  it('counts from the local day of "now", not the UTC one', () => {
    // 23:30 UTC on the 17th is already the 18th in Moscow.
    expect(dueDate('+1d', new Date('2026-12-17T23:30:00Z'))).to.equal('2026-12-21');
  });

  it('refuses a date in the past but accepts today', () => {
    expect(errors('2026-12-16')).to.deep.equal({ ru: 'Дата 2026-12-16 уже прошла.', en: '2026-12-16 is in the past.' });
    expect(errors('16.12.2026').ru).to.equal('Дата 16.12.2026 уже прошла.');
    expect(dueDate('2026-12-17')).to.equal('2026-12-17');
  });

  it('refuses a date that does not exist, zero days and a date more than a year ahead', () => {
    expect(errors('31.02.2027')).to.deep.equal({ ru: 'Такой даты нет: 31.02.2027.', en: 'There is no such date: 31.02.2027.' });
    expect(errors('+0d').en).to.equal('Add at least one day.');
    expect(errors('2062-12-20').en).to.equal('2062-12-20 is more than a year ahead: check the date.');
    expect(errors('+400d').ru).to.equal('Срок 2028-01-21 — больше чем через год: проверьте дату.');
  });

  it('says what to write when it cannot read the argument, in Russian and English', () => {
    expect(errors('next friday')).to.deep.equal({
      ru: 'Не понимаю срок «next friday»: напишите дату (2026-12-20 или 20.12.2026) или сколько дней добавить (+5д, +5рд рабочих).',
      en: 'Cannot read the deadline "next friday": write a date (2026-12-20 or 20.12.2026) or days to add (+5d, +5wd for working days).',
    });
    expect(errors('  ').en).to.match(/^Give the new deadline: write a date/);
    for (const text of ['5d', '+5', '+5h', '20.12.26', '2026-12-20T10:00', '-5d']) expect(() => errors(text), text).not.to.throw();
  });
});

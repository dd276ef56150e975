import { expect } from 'chai';
import { decideAutoLetter, isAutomaticClientLetter, loopAlertKey, type AutoLetterCeiling, type CeilingVerdict } from '../../../src/hygiene/auto-letter-ceiling';

const CEILING: AutoLetterCeiling = { perRecipientPerHour: 5, perRecipientPerDay: 20, globalPerHour: 2000 };
const quiet = { toRecipientLastHour: 0, toRecipientLastDay: 0, toAnyoneLastHour: 0 };

function held(v: CeilingVerdict): Extract<CeilingVerdict, { allowed: false }> {
  if (v.allowed) throw new Error('expected the letter to be held back');
  return v;
}

describe('the ceiling on automatic letters to clients', () => {
  it('only the acknowledgement counts: answers, requests, decisions and extensions are written by a person', () => {
    expect(isAutomaticClientLetter('acknowledgement')).to.equal(true);
    for (const kind of ['answer', 'info_request', 'decision', 'deadline_extended', 'staff_notice', 'alert'] as const) expect(isAutomaticClientLetter(kind)).to.equal(false);
  });

  it('a letter under every ceiling is allowed, with the counts as its reason', () => {
    const v = decideAutoLetter('anna@example.test', { toRecipientLastHour: 4, toRecipientLastDay: 19, toAnyoneLastHour: 1999 }, CEILING);
    expect(v.allowed).to.equal(true);
    if (v.allowed) expect(v.pass.reason).to.equal('4 automatic letters to anna@example.test in the last hour, 19 in 24 hours: under the ceiling');
  });

  it('the sixth letter in an hour to one client is held back, saying which ceiling and how many', () => {
    const v = held(decideAutoLetter('anna@example.test', { ...quiet, toRecipientLastHour: 5, toRecipientLastDay: 5 }, CEILING));
    expect(v).to.deep.equal({ allowed: false, scope: 'recipient', reason: '5 automatic letters to anna@example.test in the last hour, the ceiling is 5: held back, not sent' });
  });

  it('the day ceiling holds a letter back even when the last hour was quiet', () => {
    expect(held(decideAutoLetter('anna@example.test', { ...quiet, toRecipientLastDay: 20 }, CEILING)).reason).to.contain('in the last 24 hours, the ceiling is 20');
  });

  it('the global ceiling holds back a letter to a client who got none', () => {
    expect(held(decideAutoLetter('new@example.test', { ...quiet, toAnyoneLastHour: 2000 }, CEILING)).scope).to.equal('global');
  });

  it('a ceiling of 0 is no ceiling', () => {
    expect(decideAutoLetter('anna@example.test', { toRecipientLastHour: 900, toRecipientLastDay: 900, toAnyoneLastHour: 9000 }, { perRecipientPerHour: 0, perRecipientPerDay: 0, globalPerHour: 0 }).allowed).to.equal(true);
  });

  it('the loop alert is told once per recipient per day, and once a day for the global ceiling', () => {
    const one = held(decideAutoLetter('Anna@Example.test', { ...quiet, toRecipientLastHour: 5 }, CEILING));
    expect(loopAlertKey(one, 'Anna@Example.test', '2026-11-27')).to.equal('mail_loop:anna@example.test:2026-11-27');
    const all = held(decideAutoLetter('b@example.test', { ...quiet, toAnyoneLastHour: 2000 }, CEILING));
    expect(loopAlertKey(all, 'b@example.test', '2026-11-27')).to.equal('mail_loop:global:2026-11-27');
  });
});

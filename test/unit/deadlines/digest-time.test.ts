import { expect } from 'chai';
import { nextDigestTime } from '../../../src/deadlines/digest-time';
import { berlin, moscow, msk } from './calendars';

describe('next digest time', () => {
  it('is today at 09:00 before nine, and tomorrow once nine has come', () => {
    expect(nextDigestTime(msk('2026-02-03T08:59'), moscow, '09:00', true)).to.deep.equal(msk('2026-02-03T09:00'));
    expect(nextDigestTime(msk('2026-02-03T09:00'), moscow, '09:00', true)).to.deep.equal(msk('2026-02-04T09:00'));
  });

  it('skips the transferred day off of 9 January and the weekend when working days only', () => {
    expect(nextDigestTime(msk('2026-01-09T08:00'), moscow, '09:00', true)).to.deep.equal(msk('2026-01-12T09:00'));
    expect(nextDigestTime(msk('2026-01-09T08:00'), moscow, '09:00', false)).to.deep.equal(msk('2026-01-09T09:00'));
  });

  it('waits over the New Year holidays to Monday 11 January 2027', () => {
    expect(nextDigestTime(msk('2026-12-30T10:00'), moscow, '09:00', true)).to.deep.equal(msk('2027-01-11T09:00'));
  });

  it('keeps 09:00 local in Berlin across the DST change, and moves a skipped 02:30 to 03:30', () => {
    expect(nextDigestTime(new Date('2026-03-28T12:00:00Z'), berlin, '09:00', false).toISOString()).to.equal('2026-03-29T07:00:00.000Z');
    expect(nextDigestTime(new Date('2026-03-28T12:00:00Z'), berlin, '02:30', false).toISOString()).to.equal('2026-03-29T01:30:00.000Z');
  });
});

import { expect } from 'chai';
import { announcementDue } from '../../../src/cases/announce-batch';

describe('when a new case is announced to a reader under a flood', () => {
  const now = new Date('2026-11-27T10:00:30Z');
  const windowMs = 60_000;

  it('at once when the reader has had no announcement, or none within the window', () => {
    expect(announcementDue({ lastLetterAt: null, now, windowMs })).to.equal(null);
    expect(announcementDue({ lastLetterAt: new Date('2026-11-27T09:59:30Z'), now, windowMs })).to.equal(null);
  });

  it('in a list due one window after the last letter, when that letter went less than a window ago', () => {
    expect(announcementDue({ lastLetterAt: new Date('2026-11-27T10:00:00Z'), now, windowMs })?.toISOString()).to.equal('2026-11-27T10:01:00.000Z');
  });

  it('the same time for every case until the list is sent, so they all join the one list', () => {
    const last = new Date('2026-11-27T10:00:00Z');
    const times = ['2026-11-27T10:00:01Z', '2026-11-27T10:00:59Z'].map((t) => announcementDue({ lastLetterAt: last, now: new Date(t), windowMs })?.toISOString());
    expect(times).to.deep.equal(['2026-11-27T10:01:00.000Z', '2026-11-27T10:01:00.000Z']);
  });

  it('always at once when batching is off', () => {
    expect(announcementDue({ lastLetterAt: now, now, windowMs: 0 })).to.equal(null);
  });
});

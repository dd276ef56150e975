import { expect } from 'chai';
import { announcementDue } from '../../../src/cases/announce-batch';

describe('when a new case is announced to a reader under a flood', () => {
  const now = new Date('2026-11-27T10:00:30Z');
  const windowMs = 60_000;

  it('at once when the reader has had no announcement, or none within the window', () => {
    expect(announcementDue({ lastLetterAt: null, waitingListDueAt: null, now, windowMs })).to.equal(null);
    expect(announcementDue({ lastLetterAt: new Date('2026-11-27T09:59:30Z'), waitingListDueAt: null, now, windowMs })).to.equal(null);
  });

  it('in a list due one window after the last letter, when that letter went less than a window ago', () => {
    expect(announcementDue({ lastLetterAt: new Date('2026-11-27T10:00:00Z'), waitingListDueAt: null, now, windowMs })?.toISOString()).to.equal('2026-11-27T10:01:00.000Z');
  });

  it('in the list already waiting, whenever the last letter went', () => {
    const waiting = new Date('2026-11-27T10:01:10Z');
    expect(announcementDue({ lastLetterAt: new Date('2026-11-27T09:00:00Z'), waitingListDueAt: waiting, now, windowMs })).to.equal(waiting);
  });

  it('always at once when batching is off', () => {
    expect(announcementDue({ lastLetterAt: now, waitingListDueAt: new Date('2026-11-27T10:01:00Z'), now, windowMs: 0 })).to.equal(null);
  });
});

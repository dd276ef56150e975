import { expect } from 'chai';
import { decideFollowUpEffect, type FollowUpContext } from '../../../src/cases/follow-up-effect';

const NOW = new Date('2026-11-27T10:00:00Z');
const ctx = (over: Partial<FollowUpContext>): FollowUpContext => ({ status: 'in_progress', decidedAt: null, closedAt: null, automated: false, thanksOnly: false, reopenWindowDays: 30, now: NOW, ...over });

describe('what a follow-up does to its case', () => {
  it('on an open case it is recorded and changes nothing', () => {
    expect(decideFollowUpEffect(ctx({ status: 'new' })).kind).to.equal('record');
  });

  it('a client\'s answer while the case waits for information resumes it', () => {
    expect(decideFollowUpEffect(ctx({ status: 'awaiting_info' })).kind).to.equal('resume');
  });

  it('a new message on a case decided 10 days ago reopens it', () => {
    const e = decideFollowUpEffect(ctx({ status: 'decided', decidedAt: '2026-11-17T10:00:00Z' }));
    expect(e.kind).to.equal('reopen');
    expect(e.reason).to.contain('10 days ago');
  });

  it('only thanks on a decided case is recorded and reopens nothing', () => {
    expect(decideFollowUpEffect(ctx({ status: 'decided', decidedAt: '2026-11-17T10:00:00Z', thanksOnly: true })).kind).to.equal('thanks');
  });

  it('only thanks on a case closed long ago is recorded there, not a new case', () => {
    expect(decideFollowUpEffect(ctx({ status: 'closed', closedAt: '2026-01-01T10:00:00Z', thanksOnly: true })).kind).to.equal('thanks');
  });

  it('a new message on a case closed more than the reopen window ago starts a new linked case', () => {
    const e = decideFollowUpEffect(ctx({ status: 'closed', decidedAt: '2026-09-01T10:00:00Z', closedAt: '2026-09-15T10:00:00Z' }));
    expect(e.kind).to.equal('new_linked_case');
    expect(e.reason).to.contain('over 30 days');
  });

  it('the window counts from the later of decision and closing', () => {
    expect(decideFollowUpEffect(ctx({ status: 'closed', decidedAt: '2026-09-01T10:00:00Z', closedAt: '2026-11-20T10:00:00Z' })).kind).to.equal('reopen');
  });

  it('automated mail never reopens or resumes a case', () => {
    expect(decideFollowUpEffect(ctx({ status: 'decided', decidedAt: '2026-11-20T10:00:00Z', automated: true })).kind).to.equal('record');
    expect(decideFollowUpEffect(ctx({ status: 'awaiting_info', automated: true })).kind).to.equal('record');
  });
});

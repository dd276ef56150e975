import { expect } from 'chai';
import { CASE_STATUSES, STATUS_LABELS, isDecidedOrClosed, isOpen, pausesDeadline, transition } from '../../../src/cases/case-state';
import type { CaseEvent, CaseStatus } from '../../../src/cases/case-state';

const decide: CaseEvent = { type: 'decide', requiresApproval: false };
const decideForApproval: CaseEvent = { type: 'decide', requiresApproval: true };

// Every allowed step, written out by hand: the table in case-state.ts must agree with this list.
const ALLOWED: Array<[CaseStatus, CaseEvent, CaseStatus]> = [
  ['new', { type: 'take' }, 'in_progress'],
  ['reopened', { type: 'take' }, 'in_progress'],
  ['awaiting_info', { type: 'take' }, 'in_progress'],
  ['new', { type: 'ask_client' }, 'awaiting_info'],
  ['in_progress', { type: 'ask_client' }, 'awaiting_info'],
  ['reopened', { type: 'ask_client' }, 'awaiting_info'],
  ['awaiting_info', { type: 'ask_client' }, 'awaiting_info'],
  ['awaiting_info', { type: 'client_replied' }, 'in_progress'],
  ['new', decide, 'decided'],
  ['in_progress', decide, 'decided'],
  ['awaiting_info', decide, 'decided'],
  ['reopened', decide, 'decided'],
  ['new', decideForApproval, 'awaiting_approval'],
  ['in_progress', decideForApproval, 'awaiting_approval'],
  ['awaiting_info', decideForApproval, 'awaiting_approval'],
  ['reopened', decideForApproval, 'awaiting_approval'],
  ['awaiting_approval', { type: 'approve' }, 'decided'],
  ['awaiting_approval', { type: 'return' }, 'in_progress'],
  ['new', { type: 'close' }, 'closed'],
  ['in_progress', { type: 'close' }, 'closed'],
  ['awaiting_info', { type: 'close' }, 'closed'],
  ['reopened', { type: 'close' }, 'closed'],
  ['decided', { type: 'close' }, 'closed'],
  ['awaiting_info', { type: 'auto_close' }, 'closed'],
  ['decided', { type: 'auto_close' }, 'closed'],
  ['decided', { type: 'reopen' }, 'reopened'],
  ['closed', { type: 'reopen' }, 'reopened'],
  ['decided', { type: 'client_reopened' }, 'reopened'],
  ['closed', { type: 'client_reopened' }, 'reopened'],
  ['new', { type: 'merged' }, 'merged'],
  ['in_progress', { type: 'merged' }, 'merged'],
  ['awaiting_info', { type: 'merged' }, 'merged'],
  ['reopened', { type: 'merged' }, 'merged'],
];

const EVENTS: CaseEvent[] = [
  { type: 'take' }, { type: 'ask_client' }, { type: 'client_replied' }, decide, decideForApproval, { type: 'approve' },
  { type: 'return' }, { type: 'close' }, { type: 'auto_close' }, { type: 'reopen' }, { type: 'client_reopened' }, { type: 'merged' },
];

function name(e: CaseEvent): string {
  return e.type === 'decide' ? `decide${e.requiresApproval ? ' (needs approval)' : ''}` : e.type;
}

describe('case state machine', () => {
  for (const [status, event, target] of ALLOWED) {
    it(`${name(event)} moves a case from ${status} to ${target}`, () => {
      expect(transition(status, event)).to.deep.equal({ ok: true, status: target });
    });
  }

  it('every step not in the allowed list is refused with a reason in both languages', () => {
    for (const status of CASE_STATUSES) {
      for (const event of EVENTS) {
        if (ALLOWED.some(([s, e]) => s === status && name(e) === name(event))) continue;
        const result = transition(status, event);
        expect(result.ok, `${name(event)} from ${status}`).to.equal(false);
        if (!result.ok) {
          expect(result.reason.en, `${name(event)} from ${status}`).to.match(/^Cannot .+\.$/);
          expect(result.reason.ru, `${name(event)} from ${status}`).to.match(/^Нельзя .+\.$/);
        }
      }
    }
  });

  it('a decision waiting for approval cannot be closed, and the refusal says what to do first', () => {
    expect(transition('awaiting_approval', { type: 'close' })).to.deep.equal({
      ok: false,
      reason: {
        en: 'Cannot close the case: the case has a decision awaiting approval (a supervisor approves or returns the decision first).',
        ru: 'Нельзя закрыть претензию: претензия на согласовании (сначала руководитель согласует или вернёт решение).',
      },
    });
  });

  it('approving when nothing waits for approval is refused', () => {
    const result = transition('in_progress', { type: 'approve' });
    expect(result.ok).to.equal(false);
    if (!result.ok) expect(result.reason.en).to.contain('no decision is awaiting approval');
  });

  it('a decided case is reopened before its decision can change', () => {
    const result = transition('decided', decide);
    expect(result.ok).to.equal(false);
    if (!result.ok) expect(result.reason.ru).to.contain('откройте её заново');
  });

  it('a merged case never moves again', () => {
    for (const event of EVENTS) expect(transition('merged', event).ok, name(event)).to.equal(false);
  });

  it('taking a case already in progress is refused rather than silently repeated', () => {
    const result = transition('in_progress', { type: 'take' });
    expect(result.ok).to.equal(false);
    if (!result.ok) expect(result.reason.en).to.equal('Cannot take the case into work: the case is already in progress.');
  });

  it('only closed and merged cases are no longer open', () => {
    expect(CASE_STATUSES.filter((s) => !isOpen(s))).to.deep.equal(['closed', 'merged']);
  });

  it('the answer deadline stops once the case is decided, closed or merged', () => {
    expect(CASE_STATUSES.filter(isDecidedOrClosed)).to.deep.equal(['decided', 'closed', 'merged']);
  });

  it('only waiting for the client pauses the deadline; waiting for approval does not', () => {
    expect(CASE_STATUSES.filter(pausesDeadline)).to.deep.equal(['awaiting_info']);
  });

  it('every status has a label in both languages for reports', () => {
    for (const s of CASE_STATUSES) expect(STATUS_LABELS[s].en && STATUS_LABELS[s].ru, s).to.be.a('string').and.not.equal('');
  });
});

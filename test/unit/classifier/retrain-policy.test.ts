import { expect } from 'chai';
import { isHeldOutCase, parseInterval, shouldReplaceLiveModel, shouldRetrain } from '../../../src/classifier/retrain-policy';

const policy = { afterNewLabels: 50, everyMs: 7 * 24 * 3_600_000 };
const now = new Date('2026-12-01T12:00:00Z');

describe('retrain policy', () => {
  it('reads intervals in hours and days, and "" as never', () => {
    expect(parseInterval('12h')).to.equal(12 * 3_600_000);
    expect(parseInterval('7d')).to.equal(7 * 24 * 3_600_000);
    expect(parseInterval('')).to.equal(null);
    expect(() => parseInterval('7 days')).to.throw(RangeError);
  });

  it('is due once enough cases got a staff label since the last run', () => {
    const decision = shouldRetrain({ now, lastRunAt: '2026-11-30T12:00:00Z', newLabels: 50, force: false }, policy);
    expect(decision).to.include({ due: true, trigger: 'labels' });
  });

  it('is not due with fewer labels before the interval has passed, and says when it will be', () => {
    const decision = shouldRetrain({ now, lastRunAt: '2026-11-30T12:00:00.000Z', newLabels: 3, force: false }, policy);
    expect(decision.due).to.equal(false);
    expect(decision.reason).to.match(/3 new staff labels .* of the 50 .*next scheduled at 2026-12-07T12:00:00\.000Z/);
  });

  it('is due on schedule when the interval has passed and any label is new', () => {
    expect(shouldRetrain({ now, lastRunAt: '2026-11-20T12:00:00Z', newLabels: 1, force: false }, policy)).to.include({ due: true, trigger: 'schedule' });
  });

  it('is never due without new labels, even when the interval has passed', () => {
    expect(shouldRetrain({ now, lastRunAt: '2026-01-01T00:00:00Z', newLabels: 0, force: false }, policy).due).to.equal(false);
  });

  it('waits for the label count before the first run, so a first model is not trained on a handful of labels', () => {
    expect(shouldRetrain({ now, lastRunAt: null, newLabels: 3, force: false }, policy).due).to.equal(false);
    expect(shouldRetrain({ now, lastRunAt: null, newLabels: 3, force: false }, { ...policy, afterNewLabels: 0 })).to.include({ due: true, trigger: 'first' });
  });

  it('calls the first run "first", and a forced one "manual" even without new labels', () => {
    expect(shouldRetrain({ now, lastRunAt: null, newLabels: 60, force: false }, policy)).to.include({ due: true, trigger: 'first' });
    expect(shouldRetrain({ now, lastRunAt: '2026-12-01T11:00:00Z', newLabels: 0, force: true }, policy)).to.include({ due: true, trigger: 'manual' });
  });

  it('holds out about the configured share of cases, and the same cases every time', () => {
    const ids = Array.from({ length: 10_000 }, (_, i) => i + 1);
    const heldOut = ids.filter((id) => isHeldOutCase(id, 0.2));
    expect(heldOut.length).to.be.within(1900, 2100);
    expect(ids.filter((id) => isHeldOutCase(id, 0.2))).to.deep.equal(heldOut);
  });

  const rule = { minHeldOutLabels: 20, tolerance: 0 };

  it('replaces the live model with one at least as good on the held-out labels', () => {
    expect(shouldReplaceLiveModel({ heldOut: 40, hasLiveModel: true, newMacroF1: 0.8, liveMacroF1: 0.8 }, rule).accepted).to.equal(true);
  });

  it('keeps the live model when the new one is worse, and says by how much', () => {
    const verdict = shouldReplaceLiveModel({ heldOut: 40, hasLiveModel: true, newMacroF1: 0.7, liveMacroF1: 0.8 }, rule);
    expect(verdict.accepted).to.equal(false);
    expect(verdict.reason).to.equal('held-out macro-F1 0.700 < live 0.800 on 40 labels; keeping the live model');
  });

  it('keeps the live model when too few labels are held out to compare', () => {
    const verdict = shouldReplaceLiveModel({ heldOut: 5, hasLiveModel: true, newMacroF1: 0.9, liveMacroF1: 0.5 }, rule);
    expect(verdict.accepted).to.equal(false);
    expect(verdict.reason).to.match(/only 5 held-out staff labels/);
  });

  it('takes a new model when there is no live one to compare with', () => {
    expect(shouldReplaceLiveModel({ heldOut: 0, hasLiveModel: false, newMacroF1: null, liveMacroF1: null }, rule).accepted).to.equal(true);
  });
});

import { expect } from 'chai';
import { isRetentionOn, retentionCutoffs } from '../../../src/privacy/retention';

describe('retention ages', () => {
  const now = new Date('2027-03-01T12:00:00Z');
  it('each age gives the instant before which its kind of data goes', () => {
    expect(retentionCutoffs({ rawDays: 30, bodyDays: 365, at: '03:30' }, now)).to.deep.equal({ raw: new Date('2027-01-30T12:00:00Z'), bodies: new Date('2026-03-01T12:00:00Z') });
  });
  it('0 keeps that kind for ever, and both 0 is off', () => {
    expect(retentionCutoffs({ rawDays: 0, bodyDays: 10, at: '03:30' }, now).raw).to.equal(null);
    expect(isRetentionOn({ rawDays: 0, bodyDays: 0, at: '03:30' })).to.equal(false);
    expect(isRetentionOn({ rawDays: 1, bodyDays: 0, at: '03:30' })).to.equal(true);
  });
});

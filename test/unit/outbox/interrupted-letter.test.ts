import { expect } from 'chai';
import { decideInterrupted } from '../../../src/outbox/interrupted-letter';

const NOW = new Date('2026-12-01T10:00:00Z');
const o = { now: NOW, journal: true, graceMs: 120_000 };

describe('a letter whose send was cut off', () => {
  it('counts as sent when its journal copy came back', () => {
    expect(decideInterrupted({ claimedAt: '2026-12-01T09:59:00Z', claimedUntil: '2026-12-01T09:59:30Z', confirmedAt: '2026-12-01T09:59:01Z' }, o).action).to.equal('mark_sent');
  });

  it('waits while its journal copy may still be on its way', () => {
    expect(decideInterrupted({ claimedAt: '2026-12-01T09:59:00Z', claimedUntil: '2026-12-01T09:59:30Z', confirmedAt: null }, o).action).to.equal('wait');
  });

  it('is sent again when no copy came within the grace time', () => {
    expect(decideInterrupted({ claimedAt: '2026-12-01T09:57:00Z', claimedUntil: '2026-12-01T09:57:30Z', confirmedAt: null }, o).action).to.equal('resend');
  });

  it('a send that hung longer than the grace and was cut off just now waits for its copy: the grace runs from when the send ended', () => {
    // Claimed 10 minutes ago (the relay was restarting), adopted as interrupted by the restart a second ago.
    expect(decideInterrupted({ claimedAt: '2026-12-01T09:50:00Z', claimedUntil: '2026-12-01T09:59:59Z', confirmedAt: null }, o).action).to.equal('wait');
  });

  it('is sent again at once without a journal, and the reason admits a duplicate is possible', () => {
    const d = decideInterrupted({ claimedAt: '2026-12-01T09:59:59Z', claimedUntil: '2026-12-01T09:59:59Z', confirmedAt: null }, { ...o, journal: false });
    expect(d.action).to.equal('resend');
    expect(d.reason).to.contain('duplicate is possible');
  });

  it('a row from before claims were recorded is treated as long interrupted', () => {
    expect(decideInterrupted({ claimedAt: null, claimedUntil: null, confirmedAt: null }, o).action).to.equal('resend');
  });
});

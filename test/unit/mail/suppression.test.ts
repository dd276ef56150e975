import { expect } from 'chai';
import type { AutomatedKind, BouncedRecipient } from '../../../src/mail/bounce';
import { activeSuppression, isSuppressed, suppressionFor, type SuppressionEntry } from '../../../src/mail/suppression';

type Bounce = Extract<AutomatedKind, { kind: 'bounce' }>;

const NOW = new Date('2025-03-01T10:00:00Z');
const DAY = 24 * 60 * 60 * 1000;

function recipient(fields: Partial<BouncedRecipient>): BouncedRecipient {
  return { address: 'anna@example.test', status: '5.1.1', action: 'failed', hard: true, reason: 'no_such_user', diagnostic: '550 5.1.1 user unknown', ...fields };
}

function bounce(...recipients: BouncedRecipient[]): Bounce {
  return { kind: 'bounce', recipients, originalMessageId: 'case-1@org.example.test', reportingMta: null, format: 'rfc3464' };
}

function daysFromNow(days: number): Date {
  return new Date(NOW.getTime() + days * DAY);
}

describe('deciding which addresses to stop writing to', () => {
  it('a hard bounce suppresses the address for the configured days, with the remote reply as the reason', () => {
    expect(suppressionFor(bounce(recipient({ address: 'Anna@Example.test' })), { hardBounceDays: 30 }, NOW)).to.deep.equal([
      { address: 'anna@example.test', until: daysFromNow(30), reason: 'hard bounce: 5.1.1 no_such_user: 550 5.1.1 user unknown' },
    ]);
  });

  it('hard-bounce suppression set to 0 days suppresses nothing', () => {
    expect(suppressionFor(bounce(recipient({})), { hardBounceDays: 0 }, NOW)).to.deep.equal([]);
  });

  it('a soft bounce alone suppresses nothing, with or without a threshold', () => {
    const full = recipient({ status: '5.2.2', hard: false, reason: 'mailbox_full', diagnostic: '552 mailbox full' });
    expect(suppressionFor(bounce(full), { hardBounceDays: 30 }, NOW)).to.deep.equal([]);
    expect(suppressionFor(bounce(full), { hardBounceDays: 30, softBounceThreshold: { count: 3, withinDays: 7, days: 2 } }, NOW)).to.deep.equal([]);
  });

  it('repeated soft bounces within the window reach the threshold; older ones do not count', () => {
    const full = recipient({ status: '5.2.2', hard: false, reason: 'mailbox_full', diagnostic: '552 mailbox full' });
    const policy = { hardBounceDays: 30, softBounceThreshold: { count: 3, withinDays: 7, days: 2 } };
    const recent = [{ address: 'anna@example.test', at: daysFromNow(-1) }, { address: 'ANNA@example.test', at: daysFromNow(-6) }];
    expect(suppressionFor(bounce(full), policy, NOW, recent)).to.deep.equal([
      { address: 'anna@example.test', until: daysFromNow(2), reason: '3 soft bounces in 7 days, last: 5.2.2 mailbox_full: 552 mailbox full' },
    ]);
    const stale = [{ address: 'anna@example.test', at: daysFromNow(-1) }, { address: 'anna@example.test', at: daysFromNow(-8) }];
    expect(suppressionFor(bounce(full), policy, NOW, stale)).to.deep.equal([]);
  });

  it('our letter refused as spam or by policy never counts against the person', () => {
    const refused = recipient({ status: '5.7.1', hard: false, reason: 'refused', diagnostic: '550 5.7.1 blocked using zen.spamhaus.org' });
    const policy = { hardBounceDays: 30, softBounceThreshold: { count: 1, withinDays: 7, days: 2 } };
    expect(suppressionFor(bounce(refused), policy, NOW)).to.deep.equal([]);
  });

  it('a delayed recipient is never suppressed', () => {
    expect(suppressionFor(bounce(recipient({ action: 'delayed', hard: false })), { hardBounceDays: 30, softBounceThreshold: { count: 1, withinDays: 7, days: 2 } }, NOW)).to.deep.equal([]);
  });

  it('each hard-bounced recipient of a bounce gets its own entry', () => {
    const entries = suppressionFor(bounce(recipient({ address: 'a@example.test' }), recipient({ address: 'b@example.test' })), { hardBounceDays: 10 }, NOW);
    expect(entries.map((e) => e.address)).to.deep.equal(['a@example.test', 'b@example.test']);
  });

  describe('checking an address before sending', () => {
    const entries: SuppressionEntry[] = [
      { address: 'anna@example.test', until: daysFromNow(2), reason: 'soft' },
      { address: 'anna@example.test', until: daysFromNow(30), reason: 'hard' },
      { address: 'boris@example.test', until: daysFromNow(-1), reason: 'expired' },
    ];

    it('an address is suppressed until its longest entry expires, whatever its case', () => {
      expect(isSuppressed('ANNA@example.test', entries, NOW)).to.equal(true);
      expect(activeSuppression('anna@example.test', entries, NOW)?.reason).to.equal('hard');
      expect(isSuppressed('anna@example.test', entries, daysFromNow(30))).to.equal(false);
    });

    it('an expired entry or an address without one does not hold a letter back', () => {
      expect(isSuppressed('boris@example.test', entries, NOW)).to.equal(false);
      expect(isSuppressed('vera@example.test', entries, NOW)).to.equal(false);
    });
  });
});

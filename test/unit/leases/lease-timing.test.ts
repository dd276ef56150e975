import { expect } from 'chai';
import { mayKeepTaking } from '../../../src/leases/lease-timing';
import { intakeMailboxes, leaseName } from '../../../src/leases/intake-mailboxes';

describe('lease timing and intake folders', () => {
  const timing = { ttlMs: 30_000, renewMs: 10_000, standbyMs: 5_000 };

  it('a holder whose renewals fail goes on only while more than one renewal period is left', () => {
    const expiresAt = '2026-12-02T10:00:30.000Z';
    expect(mayKeepTaking(expiresAt, new Date('2026-12-02T10:00:19.999Z'), timing)).to.equal(true);
    expect(mayKeepTaking(expiresAt, new Date('2026-12-02T10:00:20.000Z'), timing)).to.equal(false);
  });

  it('the intake folders are the main one and the extra ones, each once, with a lease named after account and folder', () => {
    expect(intakeMailboxes({ mailbox: 'INBOX', mailboxes: ['Жалобы', 'INBOX'] })).to.deep.equal(['INBOX', 'Жалобы']);
    expect(leaseName({ host: 'mail.example.org', port: 993, user: 'complaints@example.org' }, 'INBOX')).to.equal('intake:complaints@example.org@mail.example.org:993/INBOX');
  });
});

// Mailbox leases: one holder at a time, a takeover only after the holder stopped renewing, and a
// write by a holder that lost its lease refused. Runs on SQLite and on PostgreSQL.
import { expect } from 'chai';
import { openTestStore, type TestStore } from '../support/test-store';
import { acquireLease, assertLease, listLeases, releaseLease, renewLease, StaleLeaseError } from '../../src/store/lease-repo';

const T0 = new Date('2026-12-02T10:00:00.000Z');
const at = (seconds: number): Date => new Date(T0.getTime() + seconds * 1000);
const TTL = 30_000;
const NAME = 'intake:complaints@mail.example/INBOX';

describe('mailbox leases', () => {
  let store: TestStore;
  beforeEach(async () => {
    store = await openTestStore();
  });
  afterEach(async () => store.close());

  it('the first instance to ask takes a free lease and a second one is refused while it is renewed', async () => {
    const a = await acquireLease(store.db, NAME, 'a', T0, TTL);
    expect(a).to.include({ holder: 'a', generation: 1 });
    expect(await acquireLease(store.db, NAME, 'b', at(10), TTL)).to.equal(null);
    const renewed = await renewLease(store.db, a!, at(20), TTL);
    expect(renewed?.expiresAt).to.equal(at(50).toISOString());
    expect(await acquireLease(store.db, NAME, 'b', at(40), TTL)).to.equal(null);
  });

  it('another instance takes an expired lease with a new generation, and the old holder can neither renew nor write', async () => {
    const a = (await acquireLease(store.db, NAME, 'a', T0, TTL))!;
    const b = await acquireLease(store.db, NAME, 'b', at(31), TTL);
    expect(b).to.include({ holder: 'b', generation: 2 });
    expect(await renewLease(store.db, a, at(32), TTL)).to.equal(null);
    let refused: unknown = null;
    await store.db.transaction(async (trx) => assertLease(trx, a)).catch((err: unknown) => { refused = err; });
    expect(refused).to.be.instanceOf(StaleLeaseError);
    expect((refused as Error).message).to.contain('now generation 2, held by b');
    await store.db.transaction(async (trx) => assertLease(trx, b!));
  });

  it('a restarted instance takes its own lease back at once, fencing its previous process', async () => {
    const before = (await acquireLease(store.db, NAME, 'a', T0, TTL))!;
    const after = await acquireLease(store.db, NAME, 'a', at(1), TTL);
    expect(after).to.include({ holder: 'a', generation: 2 });
    let refused: unknown = null;
    await store.db.transaction(async (trx) => assertLease(trx, before)).catch((err: unknown) => { refused = err; });
    expect(refused).to.be.instanceOf(StaleLeaseError);
  });

  it('a released lease is free for a standby at once', async () => {
    const a = (await acquireLease(store.db, NAME, 'a', T0, TTL))!;
    await releaseLease(store.db, a, at(5));
    expect(await acquireLease(store.db, NAME, 'b', at(6), TTL)).to.include({ holder: 'b', generation: 2 });
  });

  it('of several instances asking for a free lease at the same moment exactly one gets it', async () => {
    const answers = await Promise.all(['a', 'b', 'c', 'd', 'e'].map((holder) => acquireLease(store.db, NAME, holder, T0, TTL).catch(() => null)));
    const winners = answers.filter((l) => l !== null);
    expect(winners).to.have.length(1);
    const rows = await listLeases(store.db);
    expect(rows).to.have.length(1);
    expect(rows[0]).to.include({ holder: winners[0]!.holder, generation: 1 });
  });

  it('leases of different mailboxes are independent', async () => {
    expect(await acquireLease(store.db, `${NAME}-1`, 'a', T0, TTL)).to.include({ generation: 1 });
    expect(await acquireLease(store.db, `${NAME}-2`, 'b', T0, TTL)).to.include({ holder: 'b', generation: 1 });
  });
});

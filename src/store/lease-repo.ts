// Leases on mailboxes: one holder at a time, taken over when the holder stops renewing. Every change
// is one conditional statement, so two instances racing for a free lease cannot both win; the
// generation goes up with every acquisition and fences whatever an earlier holder still tries.
import type { Knex } from 'knex';

export interface Lease {
  name: string;
  holder: string;
  generation: number;
  expiresAt: string;
}

interface DbLease {
  name: string;
  holder: string;
  generation: number;
  acquired_at: string;
  renewed_at: string;
  expires_at: string;
}

export interface LeaseRow extends Lease {
  acquiredAt: string;
  renewedAt: string;
}

function fromDb(r: DbLease): LeaseRow {
  return { name: r.name, holder: r.holder, generation: Number(r.generation), acquiredAt: r.acquired_at, renewedAt: r.renewed_at, expiresAt: r.expires_at };
}

/** A ledger write by a holder that is no longer the lease's: refused, the transaction rolls back. */
export class StaleLeaseError extends Error {
  constructor(readonly lease: Lease, readonly current: Lease | null) {
    super(`lease ${lease.name} generation ${lease.generation} held by ${lease.holder} is stale`
      + (current ? ` (now generation ${current.generation}, held by ${current.holder})` : ' (no longer recorded)'));
    this.name = 'StaleLeaseError';
  }
}

/**
 * Takes the lease when it is free (never taken, or expired) or recorded for this same holder name: a
 * restarted instance takes its own lease back at once instead of waiting out the expiry, and the new
 * generation fences anything its previous process might still do. Null when another holder has it.
 */
export async function acquireLease(db: Knex, name: string, holder: string, now: Date, ttlMs: number): Promise<Lease | null> {
  const at = now.toISOString();
  const until = new Date(now.getTime() + ttlMs).toISOString();
  return db.transaction(async (trx) => {
    await trx('leases').insert({ name, holder, generation: 0, acquired_at: at, renewed_at: at, expires_at: at }).onConflict('name').ignore();
    const taken = await trx('leases')
      .where({ name })
      .andWhere((w) => w.where('expires_at', '<=', at).orWhere({ holder }))
      .update({ holder, generation: trx.raw('generation + 1'), acquired_at: at, renewed_at: at, expires_at: until });
    if (taken !== 1) return null;
    const row = (await trx('leases').where({ name }).first()) as DbLease;
    return fromDb(row);
  });
}

/** Extends a held lease; null when it is no longer ours (taken over after it expired). */
export async function renewLease(db: Knex, lease: Lease, now: Date, ttlMs: number): Promise<Lease | null> {
  const expiresAt = new Date(now.getTime() + ttlMs).toISOString();
  const n = await db('leases')
    .where({ name: lease.name, holder: lease.holder, generation: lease.generation })
    .update({ renewed_at: now.toISOString(), expires_at: expiresAt });
  return n === 1 ? { ...lease, expiresAt } : null;
}

/** Gives the lease up at once (a clean stop), so a standby need not wait for the expiry. */
export async function releaseLease(db: Knex, lease: Lease, now: Date): Promise<void> {
  await db('leases').where({ name: lease.name, holder: lease.holder, generation: lease.generation }).update({ expires_at: now.toISOString() });
}

/**
 * Refuses a write by a stale holder. Inside the writer's transaction; on PostgreSQL the row is held
 * shared, so a takeover waits until this write has committed and then sees it (and a write after a
 * takeover sees the new generation). SQLite has one writer, so there the read alone is enough.
 */
export async function assertLease(trx: Knex, lease: Lease): Promise<void> {
  const row = (await trx('leases').where({ name: lease.name }).forShare().first()) as DbLease | undefined;
  const current = row ? fromDb(row) : null;
  if (!current || current.holder !== lease.holder || current.generation !== lease.generation) throw new StaleLeaseError(lease, current);
}

export async function listLeases(db: Knex): Promise<LeaseRow[]> {
  return ((await db('leases').orderBy('name')) as DbLease[]).map(fromDb);
}

// The suppression list: addresses the sender will not write to until an entry's time is up or an
// admin clears it. Which bounces put an address here is decided in mail/suppression.ts.
import type { Knex } from 'knex';
import type { SuppressionEntry } from '../mail/suppression';

export interface SuppressionRow extends SuppressionEntry {
  id: number;
  outboxId: number | null;
  caseId: number | null;
  createdAt: string;
  clearedAt: string | null;
  clearedBy: string | null;
}

interface DbSuppression {
  id: number;
  address: string;
  reason: string;
  outbox_id: number | null;
  case_id: number | null;
  created_at: string;
  until: string;
  cleared_at: string | null;
  cleared_by: string | null;
}

function fromDb(r: DbSuppression): SuppressionRow {
  return {
    id: r.id, address: r.address, reason: r.reason, until: new Date(r.until), outboxId: r.outbox_id, caseId: r.case_id,
    createdAt: r.created_at, clearedAt: r.cleared_at, clearedBy: r.cleared_by,
  };
}

function active(db: Knex, now: Date): Knex.QueryBuilder {
  return db('suppressions').whereNull('cleared_at').where('until', '>', now.toISOString());
}

/**
 * Puts the addresses on the list. An address already held has its entry lengthened (with the new
 * reason) rather than a second entry, so the list shows one line per address.
 */
export async function suppress(trx: Knex, entries: readonly SuppressionEntry[], cause: { outboxId: number | null; caseId: number | null }, now: Date): Promise<void> {
  for (const e of entries) {
    const address = e.address.toLowerCase();
    const held = (await active(trx, now).where({ address }).orderBy('until', 'desc').first('id', 'until')) as { id: number; until: string } | undefined;
    const fields = { reason: e.reason, until: e.until.toISOString(), outbox_id: cause.outboxId, case_id: cause.caseId };
    if (!held) await trx('suppressions').insert({ address, ...fields, created_at: now.toISOString() });
    else if (held.until < fields.until) await trx('suppressions').where({ id: held.id }).update(fields);
  }
}

/** The entries that hold back any of `addresses` at `now`. */
export async function activeSuppressions(db: Knex, addresses: readonly string[], now: Date): Promise<SuppressionRow[]> {
  if (addresses.length === 0) return [];
  const rows = (await active(db, now).whereIn('address', addresses.map((a) => a.toLowerCase()))) as DbSuppression[];
  return rows.map(fromDb);
}

/** Active entries, or every entry ever made with `all`, newest first. */
export async function listSuppressions(db: Knex, o: { all: boolean; now: Date }): Promise<SuppressionRow[]> {
  const q = o.all ? db('suppressions') : active(db, o.now);
  return ((await q.orderBy('id', 'desc')) as DbSuppression[]).map(fromDb);
}

/** An admin lifts the address's entries; they stay as a record of who cleared them. Returns how many. */
export async function clearSuppression(db: Knex, address: string, by: string, now: Date): Promise<number> {
  return active(db, now).where({ address: address.trim().toLowerCase() }).update({ cleared_at: now.toISOString(), cleared_by: by });
}

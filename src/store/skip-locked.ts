// Several instances draining one table (letters, scheduled jobs) on PostgreSQL: a row another
// instance is claiming right now is skipped rather than waited for, so the instances share the work
// instead of queueing behind each other. SQLite has one writer and no row locks: there the query is
// left as it is (knex refuses SKIP LOCKED for it).
import type { Knex } from 'knex';

export function skippingLocked<T extends Knex.QueryBuilder>(db: Knex, query: T): T {
  return (db.client as { dialect?: string }).dialect === 'postgresql' ? (query.forUpdate().skipLocked() as T) : query;
}

// The knex factory: SQLite (embedded, one file) or PostgreSQL (a server), chosen by store.client.
// Everything that touches the database goes through the repositories beside this file, in knex
// builder calls both backends run alike; test/store runs one suite on each to keep it that way.
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import knex, { type Knex } from 'knex';
import { migrationSource } from '../../migrations';
import { SqliteClient } from './sqlite-client';
import { describePostgres, postgresKnexConfig, type PostgresStoreOptions } from './pg-options';

export type Db = Knex;

export interface SqliteStoreOptions {
  client: 'sqlite3';
  filename: string;
}

export type StoreOptions = SqliteStoreOptions | PostgresStoreOptions;

export function openStore(options: StoreOptions, mode: { readOnly?: boolean } = {}): Db {
  return options.client === 'pg' ? knex(postgresKnexConfig(options, mode)) : openSqlite(options, mode);
}

/** Where the store is, for messages; never a password. */
export function describeStore(options: StoreOptions): string {
  return options.client === 'pg' ? describePostgres(options) : options.filename;
}

function openSqlite(options: SqliteStoreOptions, mode: { readOnly?: boolean }): Db {
  if (options.filename !== ':memory:' && !mode.readOnly) mkdirSync(path.dirname(path.resolve(options.filename)), { recursive: true });
  // Read-only: WAL is a property of the file, already set by the writer; query_only refuses any write
  // on this connection as well. synchronous = FULL is spelled out because better-sqlite3 is built to
  // default to NORMAL in WAL mode, which may lose the last commits on a power cut: a registration
  // acknowledged to the client must survive one. Its page cache is also built 16 MB large; SQLite's
  // own 2 MB is kept (the operating system caches the file as well), as the daemon's memory budget
  // (250 MB under a flood) has no room for the difference.
  const common = ['busy_timeout = 5000', 'cache_size = -2000'];
  const pragmas = mode.readOnly ? ['query_only = ON', ...common] : ['journal_mode = WAL', 'synchronous = FULL', 'foreign_keys = ON', ...common];
  return knex({
    // better-sqlite3 rather than sqlite3: it runs a statement in the calling thread, without a hop
    // through libuv's pool for each one, and that hop was most of a statement's cost (about 5x
    // measured; a registration is some thirty statements). The store setting stays "sqlite3".
    client: SqliteClient,
    connection: { filename: options.filename, options: { readonly: mode.readOnly === true && options.filename !== ':memory:' } },
    useNullAsDefault: true,
    // One connection: SQLite serialises writers anyway, and a single connection makes every
    // transaction see the previous one's writes without busy errors.
    pool: {
      min: 1,
      max: 1,
      afterCreate: (conn: { pragma(sql: string): unknown }, done: (err: Error | null, c: unknown) => void) => {
        try {
          for (const sql of pragmas) conn.pragma(sql);
          done(null, conn);
        } catch (err) {
          done(err as Error, conn);
        }
      },
    },
  });
}

export async function migrateLatest(db: Db): Promise<string[]> {
  const [, applied] = (await db.migrate.latest({ migrationSource })) as [number, string[]];
  return applied;
}

/**
 * For commands that only look: the store as it is, never created or migrated. null when there is
 * no store yet; `pending` lists the migrations a newer version would apply (its tables may be missing).
 */
export async function openExistingStore(options: StoreOptions): Promise<{ db: Db; pending: string[] } | null> {
  if (options.client === 'sqlite3' && (options.filename === ':memory:' || !existsSync(options.filename))) return null;
  const db = openStore(options, { readOnly: true });
  try {
    const applied = (await db.schema.hasTable('knex_migrations'))
      ? new Set(((await db('knex_migrations').select('name')) as Array<{ name: string }>).map((r) => r.name))
      : new Set<string>();
    const all = await migrationSource.getMigrations([]);
    return { db, pending: all.filter((name) => !applied.has(name)) };
  } catch (err) {
    await db.destroy();
    // PostgreSQL: the configured database is not there (yet): no store, as with a missing file.
    if ((err as { code?: unknown }).code === '3D000') return null;
    throw err;
  }
}

/** A command that only reads found no store, or one an older version left behind. */
export class StoreUnavailableError extends Error {
  override name = 'StoreUnavailableError';
}

/** Runs `fn` on the store as it is, for commands that only look; never creates or migrates it. */
export async function withExistingStore<T>(options: StoreOptions, fn: (db: Db) => Promise<T>): Promise<T> {
  const existing = await openExistingStore(options);
  if (!existing) {
    const what = options.client === 'pg' ? 'the database does not exist: create it, then run complaintd migrate' : 'nothing has been registered there (start the daemon, or run complaintd migrate)';
    throw new StoreUnavailableError(`no store at ${describeStore(options)} yet: ${what}`);
  }
  try {
    if (existing.pending.length > 0) throw new StoreUnavailableError(`the store at ${describeStore(options)} needs migrations (${existing.pending.join(', ')}): run complaintd migrate`);
    return await fn(existing.db);
  } finally {
    await existing.db.destroy();
  }
}

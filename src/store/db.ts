// The knex factory (SQLite, embedded). Everything that touches the database goes through the
// repositories beside this file, in SQL that PostgreSQL also accepts, so a second backend is a
// driver and a test run away rather than a rewrite.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import knex, { type Knex } from 'knex';
import { migrationSource } from '../../migrations';

export type Db = Knex;

export interface StoreOptions {
  client: 'sqlite3';
  filename: string;
}

export function openStore(options: StoreOptions): Db {
  if (options.filename !== ':memory:') mkdirSync(path.dirname(path.resolve(options.filename)), { recursive: true });
  return knex({
    client: 'sqlite3',
    connection: { filename: options.filename },
    useNullAsDefault: true,
    // One connection: SQLite serialises writers anyway, and a single connection makes every
    // transaction see the previous one's writes without busy errors.
    pool: {
      min: 1,
      max: 1,
      afterCreate: (conn: { run(sql: string, cb: (err: Error | null) => void): void }, done: (err: Error | null, c: unknown) => void) => {
        conn.run('PRAGMA journal_mode = WAL', (e1) => {
          if (e1) return done(e1, conn);
          conn.run('PRAGMA foreign_keys = ON', (e2) => {
            if (e2) return done(e2, conn);
            conn.run('PRAGMA busy_timeout = 5000', (e3) => done(e3, conn));
          });
        });
      },
    },
  });
}

export async function migrateLatest(db: Db): Promise<string[]> {
  const [, applied] = (await db.migrate.latest({ migrationSource })) as [number, string[]];
  return applied;
}

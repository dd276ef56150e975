// The store the store-level tests run on: SQLite in memory, or, with COMPLAINTD_TEST_STORE=pg (the
// second run of test/store in scripts/test), an empty PostgreSQL database for the test alone on the
// loopback cluster. One suite, two backends: a repository that only works on one of them fails here.
import type { Knex } from 'knex';
import { migrateLatest, openStore, type StoreOptions } from '../../src/store/db';
import { pgStoreOptions, uniqueDatabaseName } from './pgstack';

export type TestBackend = 'sqlite3' | 'pg';

export function testBackend(): TestBackend {
  const chosen = process.env.COMPLAINTD_TEST_STORE || 'sqlite3';
  if (chosen !== 'sqlite3' && chosen !== 'pg') throw new Error(`COMPLAINTD_TEST_STORE=${chosen}: expected sqlite3 or pg`);
  return chosen;
}

export interface TestStore {
  db: Knex;
  options: StoreOptions;
  /** Closes the store; on PostgreSQL its database is emptied for the next test. */
  close(): Promise<void>;
}

/** Runs one statement on the cluster's maintenance database (CREATE/DROP DATABASE cannot run in a transaction). */
async function onCluster(sql: string): Promise<void> {
  const admin = openStore({ ...pgStoreOptions('postgres'), pool: { min: 0, max: 1 } });
  try {
    await admin.raw(sql);
  } finally {
    await admin.destroy();
  }
}

// Migrating takes a second or so; copying a migrated database a fraction of that. So the migrations
// run once per mocha process, into a template that the tests' databases are copied from.
let template: Promise<string> | null = null;

function migratedTemplate(): Promise<string> {
  template ??= (async () => {
    const name = uniqueDatabaseName('template');
    await onCluster(`create database ${name}`);
    const db = openStore(pgStoreOptions(name));
    try {
      await migrateLatest(db);
    } finally {
      // CREATE DATABASE ... TEMPLATE refuses a template that has sessions.
      await db.destroy();
    }
    return name;
  })();
  return template;
}

/** A fresh, migrated store for one test. */
export async function openTestStore(): Promise<TestStore> {
  if (testBackend() === 'sqlite3') {
    const options: StoreOptions = { client: 'sqlite3', filename: ':memory:' };
    const db = openStore(options);
    await migrateLatest(db);
    return { db, options, close: () => db.destroy() };
  }
  const name = emptied.pop() ?? (await copyOfTemplate());
  const options = pgStoreOptions(name);
  const db = openStore(options);
  return {
    db,
    options,
    close: async () => {
      try {
        await emptyTables(db);
        emptied.push(name);
      } finally {
        await db.destroy();
      }
    },
  };
}

// Copying a database costs half a second on a busy machine (PostgreSQL writes the copy to its WAL);
// emptying one costs a few dozen milliseconds. So a closed test database is emptied, ids starting
// at 1 again, and handed to the next test; `scripts/pgstack reset` drops them between runs.
const emptied: string[] = [];

async function copyOfTemplate(): Promise<string> {
  const name = uniqueDatabaseName('test');
  await onCluster(`create database ${name} template ${await migratedTemplate()}`);
  return name;
}

async function emptyTables(db: Knex): Promise<void> {
  const { rows } = (await db.raw("select tablename from pg_tables where schemaname = current_schema() and tablename not like 'knex\\_%'")) as { rows: Array<{ tablename: string }> };
  if (rows.length > 0) await db.raw(`truncate table ${rows.map((r) => `"${r.tablename}"`).join(', ')} restart identity cascade`);
}

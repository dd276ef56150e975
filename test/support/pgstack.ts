// Tests reach the project's loopback PostgreSQL (scripts/pgstack) through this module, so every test
// agrees on where it listens and how to get a database of its own. The same PGSTACK_* variables
// drive the script, so overriding one moves both.
import { execFile, execFileSync } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { PostgresStoreOptions } from '../../src/store/pg-options';

const SCRIPT = path.resolve(__dirname, '../../scripts/pgstack');

export const PGSTACK = {
  host: '127.0.0.1',
  port: Number(process.env.PGSTACK_PORT || 55432),
  user: process.env.PGSTACK_USER || 'complaintd',
  password: process.env.PGSTACK_PASSWORD || 'complaintd-test',
  database: process.env.PGSTACK_DATABASE || 'complaintd',
} as const;

/** The stack's PostgreSQL as a store configuration, on `database`. */
export function pgStoreOptions(database: string): PostgresStoreOptions {
  return { client: 'pg', connection: '', host: PGSTACK.host, port: PGSTACK.port, database, user: PGSTACK.user, password: PGSTACK.password, pool: { min: 0, max: 10 } };
}

/** Starts the cluster unless it already answers (then it costs ~0.1 s); stops it, for outage tests. */
export async function runPgstack(command: 'start' | 'stop'): Promise<void> {
  try {
    await promisify(execFile)('bash', [SCRIPT, command], { timeout: 120_000 });
  } catch (err) {
    const { stdout, stderr } = err as { stdout?: string; stderr?: string };
    throw new Error(`scripts/pgstack ${command} failed:\n${stdout ?? ''}${stderr ?? ''}`);
  }
}

let made = 0;

/**
 * A database name no other test (nor another mocha process on the same cluster) uses.
 * Lower-case: PostgreSQL folds unquoted names, and the script accepts plain identifiers only.
 */
export function uniqueDatabaseName(kind: string): string {
  made += 1;
  return `complaintd_${kind}_${process.pid}_${made}`;
}

// Synchronous because a test instance's configuration is made synchronously (daemon-harness.ts);
// each costs one short psql run.
export function createDatabaseSync(name: string): void {
  execFileSync('bash', [SCRIPT, 'createdb', name], { stdio: ['ignore', 'ignore', 'pipe'], timeout: 30_000 });
}

/** Drops the database, ending any session still on it (a daemon a failed test left running). */
export function dropDatabaseSync(name: string): void {
  execFileSync('bash', [SCRIPT, 'dropdb', name], { stdio: ['ignore', 'ignore', 'pipe'], timeout: 30_000 });
}

// Runs the real daemon against the local mail stack, each test with its own store (of the backend
// under test, see test-store.ts), configured through a local config file the way an admin would.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { stringify } from 'yaml';
import { loadConfig, mergeDeep } from '../../src/config/load';
import type { AppConfig } from '../../src/config/schema';
import { buildRuntime, type Runtime } from '../../src/main';
import { createLogger } from '../../src/log/logger';
import type { Transport } from '../../src/outbox/transport';
import { TEST_DEPLOYMENT } from './test-config';
import { testBackend } from './test-store';
import { PGSTACK, createDatabaseSync, dropDatabaseSync, uniqueDatabaseName } from './pgstack';

export interface TestInstance {
  dir: string;
  configFile: string;
  config: AppConfig;
  /** Removes the folder and everything in it; call it after the daemon using it has stopped. */
  remove(): void;
}

const made: TestInstance[] = [];

/** Removes every instance made since the last call: for tests that make several (a daemon's two lives). */
export function removeInstances(): void {
  for (const instance of made.splice(0)) instance.remove();
}

/**
 * A fresh folder with a local config pointing at the test mail stack and a store of its own;
 * `overrides` are merged into it key by key, the way a second local file would be.
 */
export function testInstance(overrides: Record<string, unknown> = {}): TestInstance {
  const dir = mkdtempSync(path.join(tmpdir(), 'complaintd-e2e-'));
  const configFile = path.join(dir, 'local.yaml');
  const store = storeOfInstance(dir);
  // The deployment's settings point at the test mail stack; the rest makes the daemon quick to react.
  // The store and model paths are relative, so they land beside this file whatever the working folder.
  const local = mergeDeep(mergeDeep(TEST_DEPLOYMENT, {
    store: store.config,
    imap: { pollIntervalMs: 1000, idleDebounceMs: 100, reconnect: { initialMs: 200, maxMs: 2000, jitter: 0.2, healthyAfterMs: 5000 } },
    smtp: { pollIntervalMs: 200, retry: { maxAttempts: 5, initialMs: 500, maxMs: 5000 } },
    classification: { modelPath: 'no-model.json' },
    log: { level: 'debug', format: 'json' },
  }), overrides);
  writeFileSync(configFile, stringify(local));
  const remove = (): void => {
    store.drop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const instance = { dir, configFile, config: loadConfig({ localFile: configFile, env: {} }).config, remove };
    made.push(instance);
    return instance;
  } catch (err) {
    remove();
    throw err;
  }
}

/**
 * The instance's own store: a SQLite file beside its config, or with COMPLAINTD_TEST_STORE=pg an
 * empty database on the loopback PostgreSQL that the daemon migrates at start, its password read
 * from a file as a deployment would keep it.
 */
function storeOfInstance(dir: string): { config: Record<string, unknown>; drop(): void } {
  if (testBackend() === 'sqlite3') return { config: { filename: 'complaintd.sqlite' }, drop: () => undefined };
  const database = uniqueDatabaseName('e2e');
  createDatabaseSync(database);
  writeFileSync(path.join(dir, 'pg-password'), `${PGSTACK.password}\n`, { mode: 0o600 });
  return {
    config: { client: 'pg', host: PGSTACK.host, port: PGSTACK.port, database, user: PGSTACK.user, passwordFile: 'pg-password' },
    drop: () => dropDatabaseSync(database),
  };
}

/**
 * Starts the daemon in this process; logs are kept in memory for a failing test to show. `clock` is
 * the test-only way to move the daemon's time (deadlines, digests): every part reads time from it.
 */
export async function startDaemon(instance: TestInstance, options: { clock?: () => Date; maskPersonalData?: boolean } = {}, transport?: Transport): Promise<Runtime & { logs: string[] }> {
  const logs: string[] = [];
  const stream = new PassThrough();
  stream.on('data', (c: Buffer) => logs.push(c.toString()));
  // Unmasked unless a test asks, so a failing test's log shows what happened; a test of what the
  // daemon logs asks for the masking a deployment has by default.
  const log = createLogger({ level: 'debug', format: 'json', maskPersonalData: options.maskPersonalData ?? false, stream });
  const runtime = await buildRuntime(instance.config, { log, ...(options.clock ? { clock: options.clock } : {}), ...(transport ? { transport } : {}) });
  await runtime.daemon.start();
  return Object.assign(runtime, { logs });
}

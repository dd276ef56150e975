// Runs the real daemon against the local mail stack, each test with its own store, configured
// through a local config file the way an admin would.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { stringify } from 'yaml';
import { loadConfig, mergeDeep } from '../../src/config/load';
import type { AppConfig } from '../../src/config/schema';
import { buildRuntime, type Runtime } from '../../src/main';
import { createLogger } from '../../src/log/logger';
import { TEST_DEPLOYMENT } from './test-config';

export interface TestInstance {
  dir: string;
  configFile: string;
  config: AppConfig;
  /** Removes the folder and everything in it; call it after the daemon using it has stopped. */
  remove(): void;
}

/** A fresh folder with a local config pointing at the test mail stack and a store of its own. */
export function testInstance(extraYaml = ''): TestInstance {
  const dir = mkdtempSync(path.join(tmpdir(), 'complaintd-e2e-'));
  const configFile = path.join(dir, 'local.yaml');
  // The deployment's settings point at the test mail stack; the rest makes the daemon quick to react.
  // The store and model paths are relative, so they land beside this file whatever the working folder.
  const local = mergeDeep(TEST_DEPLOYMENT, {
    store: { filename: 'complaintd.sqlite' },
    imap: { pollIntervalMs: 1000, idleDebounceMs: 100, reconnect: { initialMs: 200, maxMs: 2000, jitter: 0.2, healthyAfterMs: 5000 } },
    smtp: { pollIntervalMs: 200, retry: { maxAttempts: 5, initialMs: 500, maxMs: 5000 } },
    classification: { modelPath: 'no-model.json' },
    log: { level: 'debug', format: 'json' },
  });
  writeFileSync(configFile, `${stringify(local)}${extraYaml}`);
  const remove = (): void => rmSync(dir, { recursive: true, force: true });
  try {
    return { dir, configFile, config: loadConfig({ localFile: configFile, env: {} }).config, remove };
  } catch (err) {
    remove();
    throw err;
  }
}

/** Starts the daemon in this process; logs are kept in memory for a failing test to show. */
export async function startDaemon(instance: TestInstance): Promise<Runtime & { logs: string[] }> {
  const logs: string[] = [];
  const stream = new PassThrough();
  stream.on('data', (c: Buffer) => logs.push(c.toString()));
  const log = createLogger({ level: 'debug', format: 'json', maskPersonalData: false, stream });
  const runtime = await buildRuntime(instance.config, { log });
  await runtime.daemon.start();
  return Object.assign(runtime, { logs });
}

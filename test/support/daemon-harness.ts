// Runs the real daemon against the local mail stack, each test with its own store, configured
// through a local config file the way an admin would.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { stringify } from 'yaml';
import { loadConfig, mergeDeep } from '../../src/config/load';
import type { AppConfig } from '../../src/config/schema';
import { buildRuntime, type Runtime } from '../../src/main';
import { createLogger } from '../../src/log/logger';
import { MAILSTACK } from './mailstack';

export interface TestInstance {
  dir: string;
  configFile: string;
  config: AppConfig;
}

/**
 * A fresh folder with a local config pointing at the test mail stack and a store of its own;
 * `overrides` are merged into it key by key, the way a second local file would be.
 */
export function testInstance(overrides: Record<string, unknown> = {}): TestInstance {
  const dir = mkdtempSync(path.join(tmpdir(), 'complaintd-e2e-'));
  const configFile = path.join(dir, 'local.yaml');
  const root = path.resolve(__dirname, '../..');
  const base = {
    store: { filename: path.join(dir, 'complaintd.sqlite') },
    imap: {
      host: MAILSTACK.host, port: MAILSTACK.imapPort, user: 'complaints@example.test', password: MAILSTACK.password, pollIntervalMs: 1000, idleDebounceMs: 100,
      reconnect: { initialMs: 200, maxMs: 2000, jitter: 0.2, healthyAfterMs: 5000 },
    },
    smtp: { host: MAILSTACK.host, port: MAILSTACK.smtpPort, pollIntervalMs: 200, retry: { maxAttempts: 5, initialMs: 500, maxMs: 5000 } },
    classification: { rulesDir: path.join(root, 'config/rules'), categoriesFile: path.join(root, 'config/categories.yaml'), modelPath: path.join(dir, 'no-model.json') },
    templates: { dir: path.join(root, 'templates') },
    log: { level: 'debug', format: 'json' },
  };
  writeFileSync(configFile, stringify(mergeDeep(base, overrides)));
  return { dir, configFile, config: loadConfig({ localFile: configFile, env: {} }).config };
}

/**
 * Starts the daemon in this process; logs are kept in memory for a failing test to show. `clock` is
 * the test-only way to move the daemon's time (deadlines, digests): every part reads time from it.
 */
export async function startDaemon(instance: TestInstance, options: { clock?: () => Date } = {}): Promise<Runtime & { logs: string[] }> {
  const logs: string[] = [];
  const stream = new PassThrough();
  stream.on('data', (c: Buffer) => logs.push(c.toString()));
  const log = createLogger({ level: 'debug', format: 'json', maskPersonalData: false, stream });
  const runtime = await buildRuntime(instance.config, { log, ...(options.clock ? { clock: options.clock } : {}) });
  await runtime.daemon.start();
  return Object.assign(runtime, { logs });
}

// The daemon under measurement: the installed command (`bin/complaintd.js start`, the compiled dist/)
// in a child process of its own, so its CPU, memory and event loop are its own and not the bench's.
// Configured as a deployment would be: shipped defaults plus a local file naming the servers.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, copyFileSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { loadConfig, mergeDeep } from '../../src/config/load';
import type { AppConfig } from '../../src/config/schema';
import { ANNOUNCE_BATCH_JOB } from '../../src/cases/announce-batch';
import { openStore, type Db } from '../../src/store/db';
import { TEST_DEPLOYMENT } from '../../test/support/test-config';
import { PGSTACK, createDatabaseSync, dropDatabaseSync } from '../../test/support/pgstack';
import { INSTALLED_COMMAND, commandNodeFlags } from '../../test/support/installed-command';

export type BenchStore = 'sqlite3' | 'pg';

export interface BenchInstance {
  dir: string;
  configFile: string;
  config: AppConfig;
  remove(): void;
}

let made = 0;

/** A folder with a local config and a store of its own (a SQLite file, or a new PostgreSQL database). */
export function benchInstance(store: BenchStore, overrides: Record<string, unknown> = {}): BenchInstance {
  const dir = mkdtempSync(path.join(tmpdir(), 'complaintd-bench-e2e-'));
  const database = `complaintd_bench_e2e_${process.pid}_${++made}`;
  let storeConfig: Record<string, unknown> = { filename: 'complaintd.sqlite' };
  if (store === 'pg') {
    createDatabaseSync(database);
    storeConfig = { client: 'pg', host: PGSTACK.host, port: PGSTACK.port, database, user: PGSTACK.user, password: PGSTACK.password };
  }
  const local = mergeDeep(mergeDeep(TEST_DEPLOYMENT, {
    store: storeConfig,
    // Nobody else told of every case: each complaint makes its acknowledgement and its department's announcement.
    staff: { notify: [] },
    // Two dozen senders writing hundreds of complaints would mostly have their acknowledgements
    // held by the ceiling on automatic letters; the bench measures acknowledged complaints.
    mail: { autoLetterCeiling: { perRecipientPerHour: 0, perRecipientPerDay: 0, globalPerHour: 0 } },
    classification: { modelPath: 'no-model.json' },
    log: { level: 'info', format: 'json' },
  }), overrides);
  const configFile = path.join(dir, 'local.yaml');
  writeFileSync(configFile, stringify(local));
  const remove = (): void => {
    // The daemon's own log, for a run whose figures need explaining (BENCH_KEEP_LOG=file).
    const keep = process.env.BENCH_KEEP_LOG;
    if (keep && existsSync(path.join(dir, 'daemon.log'))) copyFileSync(path.join(dir, 'daemon.log'), keep);
    if (store === 'pg') dropDatabaseSync(database);
    rmSync(dir, { recursive: true, force: true });
  };
  return { dir, configFile, config: loadConfig({ localFile: configFile, env: {} }).config, remove };
}

export interface RunningDaemon {
  pid: number;
  /** The daemon's peak resident memory so far (VmHWM), in MB. */
  peakRssMb(): number;
  stop(): Promise<void>;
}

/** Starts `complaintd start` and resolves once its intake has logged in to the mailbox. */
export async function startDaemon(instance: BenchInstance, options: { cpuProfileDir?: string } = {}): Promise<RunningDaemon> {
  const logFile = path.join(instance.dir, 'daemon.log');
  const fd = openSync(logFile, 'a');
  // The installed command itself, through its first line, so node runs with the flags it ships with.
  // Profiled, node is called with those flags and the profiler's (NODE_OPTIONS refuses --cpu-prof).
  const args = ['--config', instance.configFile, 'start'];
  const [command, argv] = options.cpuProfileDir
    ? [process.execPath, [...commandNodeFlags(), '--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`, INSTALLED_COMMAND, ...args]]
    : [INSTALLED_COMMAND, args];
  const child: ChildProcess = spawn(command, argv, { stdio: ['ignore', fd, fd], cwd: instance.dir });
  closeSync(fd);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 60_000;
  while (!readFileSync(logFile, 'utf8').includes('intake.connected')) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`the daemon did not start:\n${readFileSync(logFile, 'utf8').slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const pid = child.pid as number;
  return {
    pid,
    peakRssMb: () => {
      const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      return hwm ? Math.round(Number(hwm[1]) / 1024) : NaN;
    },
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** The bench's own look at the daemon's store; it never writes. */
export function readStore(instance: BenchInstance): Db {
  return openStore(instance.config.store, { readOnly: true });
}

export interface StoreProgress {
  /** Ledger rows processed as mail from outside (not the journal copies of our letters). */
  processed: number;
  letters: number;
  /** Letters not yet accepted by the relay nor given up. */
  unsent: number;
  /** New-case announcements waiting in a list for staff (staff.announcements.batchSeconds), not yet letters. */
  listsWaiting: number;
}

export async function storeProgress(db: Db): Promise<StoreProgress> {
  const count = async (q: ReturnType<Db>): Promise<number> => Number(((await q.count({ n: '*' }).first()) as { n: number | string }).n);
  return {
    processed: await count(db('inbound').whereNotIn('status', ['pending', 'own_copy'])),
    letters: await count(db('outbox')),
    unsent: await count(db('outbox').whereNotIn('status', ['sent', 'failed', 'suppressed'])),
    listsWaiting: await count(db('jobs').where({ kind: ANNOUNCE_BATCH_JOB }).whereIn('state', ['pending', 'running'])),
  };
}

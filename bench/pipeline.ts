// Throughput and memory of the processing stage: N complaints written to the ledger, then parsed,
// threaded, categorised by the shipped rules and registered with their letters queued. No mail
// servers: this measures our code and the store, not Dovecot or Postfix.
// Usage: npm run bench -- [--messages 2000] [--store sqlite3|pg]. JSON on stdout. With --store pg it
// runs on a fresh database of the loopback PostgreSQL (scripts/pgstack start; PGSTACK_* move it),
// which it drops afterwards.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { PassThrough } from 'node:stream';
import { Command } from 'commander';
import { openStore, migrateLatest, type StoreOptions } from '../src/store/db';
import type { PostgresStoreOptions } from '../src/store/pg-options';
import { createLogger } from '../src/log/logger';
import { loadConfig } from '../src/config/load';
import { loadParts, pipelineDeps } from '../src/pipeline-deps';
import { recordFetched } from '../src/store/inbound-repo';
import { processPending } from '../src/process-pending';

const BENCH_DEPLOYMENT = {
  COMPLAINTD__IMAP__HOST: 'imap.bench.invalid',
  COMPLAINTD__IMAP__USER: 'complaints@bench.invalid',
  COMPLAINTD__IMAP__PASSWORD: 'unused',
  COMPLAINTD__SMTP__HOST: 'smtp.bench.invalid',
  COMPLAINTD__SMTP__FROMADDRESS: 'complaints@bench.invalid',
};

const BODIES = [
  'Прошу вернуть деньги за возвращённый товар, заказ № {n}. Деньги не вернули уже три недели.',
  'My card was charged twice for order {n}. Please refund the duplicate charge.',
  'Курьер не доставил заказ {n}, хотя в статусе написано «доставлен».',
  'Сотрудник в пункте выдачи нагрубил мне при получении заказа {n}.',
  'Приложение не работает: после обновления не могу войти в личный кабинет, заказ {n}.',
];

function complaint(n: number): Buffer {
  const body = (BODIES[n % BODIES.length] as string).replace('{n}', String(n));
  return Buffer.from(
    [`From: Client ${n} <client${n % 50}@example.test>`, 'To: complaints@example.test', `Subject: =?UTF-8?B?${Buffer.from(`Претензия ${n}`).toString('base64')}?=`,
      `Message-ID: <bench.${n}@example.test>`, `Date: ${new Date().toUTCString()}`, 'MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: 8bit', '', body, ''].join('\r\n'),
  );
}

/** The store to measure, and how to be rid of it afterwards. */
async function benchStore(client: string, dir: string): Promise<{ options: StoreOptions; drop(): Promise<void> }> {
  if (client === 'sqlite3') return { options: { client: 'sqlite3', filename: path.join(dir, 'bench.sqlite') }, drop: async () => undefined };
  if (client !== 'pg') throw new Error(`--store ${client}: expected sqlite3 or pg`);
  const server: PostgresStoreOptions = {
    client: 'pg', connection: '', host: '127.0.0.1', port: Number(process.env.PGSTACK_PORT || 55432), database: 'postgres',
    user: process.env.PGSTACK_USER || 'complaintd', password: process.env.PGSTACK_PASSWORD || 'complaintd-test', pool: { min: 0, max: 1 },
  };
  const database = `complaintd_bench_${process.pid}`;
  const onServer = async (sql: string): Promise<void> => {
    const admin = openStore(server);
    try {
      await admin.raw(sql);
    } finally {
      await admin.destroy();
    }
  };
  await onServer(`create database ${database}`);
  return { options: { ...server, database, pool: { min: 0, max: 10 } }, drop: () => onServer(`drop database if exists ${database}`) };
}

async function main(): Promise<void> {
  const opts = new Command().option('--messages <n>', 'complaints to process', '2000').option('--store <client>', 'sqlite3 or pg', 'sqlite3')
    .parse(process.argv).opts<{ messages: string; store: string }>();
  const count = Number(opts.messages);
  const dir = mkdtempSync(path.join(tmpdir(), 'complaintd-bench-'));
  const store = await benchStore(opts.store, dir);
  const db = openStore(store.options);
  try {
    await migrateLatest(db);
    // The shipped defaults without a learned model: the rules alone categorise, as on a fresh install.
    // Nothing here connects to a server; the settings a deployment must give only have to be valid.
    const config = loadConfig({ env: BENCH_DEPLOYMENT }).config;
    config.classification.modelPath = path.join(dir, 'none.json');
    // Fifty senders writing hundreds of complaints would mostly have their acknowledgements held by
    // the ceiling on automatic letters; the figure is meant to be the cost of an acknowledged complaint.
    config.mail.autoLetterCeiling = { perRecipientPerHour: 0, perRecipientPerDay: 0, globalPerHour: 0 };
    const log = createLogger({ level: 'error', format: 'json', maskPersonalData: true, stream: new PassThrough() });
    const deps = pipelineDeps(config, await loadParts(config), { db, log, clock: () => new Date(), secret: 'bench-secret' });
    const ledgerStart = performance.now();
    for (let i = 0; i < count; i += 50) {
      const batch = Array.from({ length: Math.min(50, count - i) }, (_, k) => ({ mailbox: 'INBOX', uidvalidity: '1', uid: i + k + 1, messageKey: `bench.${i + k}`, raw: complaint(i + k), receivedAt: new Date().toISOString() }));
      await db.transaction((trx) => recordFetched(trx, batch, new Date().toISOString()));
    }
    const ledgerMs = performance.now() - ledgerStart;
    const start = performance.now();
    const processed = await processPending(deps, () => false);
    const ms = performance.now() - start;
    const cases = Number(((await db('cases').count({ n: '*' }).first()) as { n: number }).n);
    const result = {
      bench: 'pipeline',
      store: store.options.client,
      messages: count,
      processed,
      cases,
      ledger_write_msgs_per_s: Math.round((count / ledgerMs) * 1000),
      process_msgs_per_s: Math.round((processed / ms) * 1000),
      process_ms_per_msg: Number((ms / processed).toFixed(3)),
      peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
      node: process.version,
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await db.destroy();
    await store.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});

// The whole daemon measured through real mail (scripts/mailstack), against the limit of the same
// mail servers measured in the same run, plus latency at a steady rate, memory, and the cost per
// message as cases accumulate. Not part of npm test: it takes minutes and its figures depend on the machine.
// Usage: npm run bench:e2e -- [--messages 2000] [--store sqlite3|pg] [--latency-seconds 60]
//   [--latency-rate 10] [--scaling 1000,10000,100000] [--only throughput,latency,scaling]
//   [--cpu-prof DIR] [--out FILE]. Uses MAILSTACK_* and PGSTACK_* like the tests.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { ensureMailstack, resetMailboxes } from '../test/support/mailstack';
import { runPgstack } from '../test/support/pgstack';
import { migrateLatest, openStore } from '../src/store/db';
import { benchLetters, CLIENTS } from './lib/e2e-corpus';
import { benchInstance, readStore, startDaemon, type BenchStore } from './lib/e2e-daemon';
import { complaintEnvelopes, measureFetchParse, measureThroughput, round, sentLetters, submitAll, waitQueueDrained } from './lib/e2e-throughput';
import { measureLatency } from './lib/e2e-latency';
import { measureScaling } from './lib/e2e-scaling';
import { summary, type E2eResult } from './lib/e2e-summary';
import { cpuBetween, sampleCpu } from './lib/cpu-usage';

const SUBMIT_CONNECTIONS = 4;
const say = (line: string): void => void process.stderr.write(`${line}\n`);

interface Options { messages: string; store: string; latencySeconds: string; latencyRate: string; scaling: string; scalingMessages: string; only: string; cpuProf?: string; out?: string }

async function throughputAndLimit(store: BenchStore, count: number, cpuProf: string | undefined): Promise<NonNullable<E2eResult['throughput']>> {
  const letters = benchLetters(count, `t${Date.now()}`);
  const instance = benchInstance(store);
  try {
    const daemon = await startDaemon(instance, cpuProf ? { cpuProfileDir: cpuProf } : {});
    const db = readStore(instance);
    try {
      say(`throughput: ${count} messages through Postfix while the daemon runs (${store})`);
      const throughput = await measureThroughput(letters, daemon, db, SUBMIT_CONNECTIONS, say);
      await daemon.stop();
      // Letters accepted near the end are still being delivered: the limit runs alone after them.
      await waitQueueDrained(120_000);
      say('limit: the same messages fetched and parsed, nothing else');
      const parse = await measureFetchParse(instance.config.imap.processedMailbox, instance.config.imap.fetchBatchSize);
      const sent = await sentLetters(db, instance.config.smtp.fromAddress);
      const transits = complaintEnvelopes(letters).length + sent.length;
      say(`limit: ${transits} transits (the complaints and the ${sent.length} letters sent for them) through the same Postfix, nothing else`);
      const cpuBefore = sampleCpu(process.pid);
      const smtpMs = await submitAll([...complaintEnvelopes(letters), ...sent], SUBMIT_CONNECTIONS);
      // Here "the daemon" of cpuBetween is this bench, the client submitting; the rest is the mail stack.
      const smtpCpu = cpuBetween(cpuBefore, sampleCpu(process.pid));
      const deliveredMs = smtpMs + (await waitQueueDrained(600_000));
      const deliveredCpu = cpuBetween(cpuBefore, sampleCpu(process.pid));
      const parsePerS = parse.messages / (parse.ms / 1000);
      const smtpComplaintsPerS = count / (smtpMs / 1000);
      const limit = Math.min(parsePerS, smtpComplaintsPerS);
      const deliveredPerS = count / (deliveredMs / 1000);
      return {
        throughput,
        limit: {
          fetch_parse_msgs_per_s: round(parsePerS, 1), fetched: parse.messages,
          smtp_transits: transits, smtp_transits_per_complaint: round(transits / count, 2), smtp_transits_per_s: round(transits / (smtpMs / 1000), 1),
          smtp_complaints_per_s: round(smtpComplaintsPerS, 1), complaints_per_s: round(limit, 1),
          smtp_machine_busy: smtpCpu.machine_busy, smtp_stack_cpu_ms_per_transit: round(smtpCpu.others_cpu_ms / transits, 2), smtp_client_cpu_ms_per_transit: round(smtpCpu.daemon_cpu_ms / transits, 2), smtp_by_command: smtpCpu.by_command,
          delivered_seconds: round(deliveredMs / 1000, 2), delivered_complaints_per_s: round(deliveredPerS, 1),
          delivered_stack_cpu_ms_per_transit: round(deliveredCpu.others_cpu_ms / transits, 2), delivered_by_command: deliveredCpu.by_command,
        },
        share_of_limit: round(throughput.complaints_per_s / limit, 3),
        share_of_delivered_limit: round(throughput.complaints_per_s / Math.min(parsePerS, deliveredPerS), 3),
      };
    } finally {
      await daemon.stop();
      await db.destroy();
    }
  } finally {
    instance.remove();
  }
}

async function latency(store: BenchStore, seconds: number, rate: number): Promise<NonNullable<E2eResult['latency']>> {
  const clients = CLIENTS.slice(0, 5);
  // New complaints only, each with a subject of its own: a follow-up gets no acknowledgement to time.
  const steady = benchLetters(seconds * rate * 2, `l${Date.now()}`).filter((l) => l.kind === 'new').slice(0, seconds * rate);
  // Each send its own Message-ID and one of the watched clients as sender, in turn.
  const sends = steady.map((l, i) => {
    const messageId = `lat.${Date.now()}.${i}@example.test`;
    const from = clients[i % clients.length] as string;
    const raw = Buffer.from(l.raw.toString('latin1').replace(/^From: .*$/m, `From: ${from}`).replace(/^Message-ID: .*$/m, `Message-ID: <${messageId}>`), 'latin1');
    return { ...l, from, messageId, raw };
  });
  say(`latency: the mail stack alone, one transit at ${rate} messages/s for ${Math.min(seconds, 10)} s`);
  const stack = await measureLatency(sends.slice(0, Math.min(seconds, 10) * rate), clients, rate, say, true);
  await resetMailboxes();
  const instance = benchInstance(store);
  try {
    const daemon = await startDaemon(instance);
    try {
      say(`latency: ${rate} messages/s for ${seconds} s`);
      return { ...(await measureLatency(sends, clients, rate, say)), peak_rss_mb: daemon.peakRssMb(), mail_stack_one_transit: stack };
    } finally {
      await daemon.stop();
    }
  } finally {
    instance.remove();
  }
}

async function scaling(store: BenchStore, levels: number[], perLevel: number): Promise<NonNullable<E2eResult['scaling']>> {
  const instance = benchInstance(store);
  const db = openStore(instance.config.store);
  try {
    await migrateLatest(db);
    say(`scaling: ${perLevel} messages processed in-process after seeding ${levels.join(', ')} cases`);
    const points = await measureScaling(db, levels, perLevel, say);
    const costs = points.map((p) => p.ms_per_message);
    const first = costs[0] as number;
    return { points, spread_vs_first: round(Math.max(...costs.map((c) => Math.abs(c / first - 1))), 3) };
  } finally {
    await db.destroy();
    instance.remove();
  }
}

async function main(): Promise<void> {
  const opts = new Command()
    .option('--messages <n>', 'messages in the throughput run', '2000').option('--store <client>', 'sqlite3 or pg', 'sqlite3')
    .option('--latency-seconds <s>', 'length of the steady run', '60').option('--latency-rate <n>', 'messages per second in the steady run', '10')
    .option('--scaling <levels>', 'existing cases before each scaling measurement', '1000,10000,100000').option('--scaling-messages <n>', 'messages measured at each level', '400')
    .option('--only <parts>', 'throughput,latency,scaling', 'throughput,latency,scaling').option('--cpu-prof <dir>', 'write a CPU profile of the daemon in the throughput run')
    .option('--out <file>', 'where the JSON goes')
    .parse(process.argv).opts<Options>();
  const store = opts.store === 'pg' ? 'pg' : opts.store === 'sqlite3' ? 'sqlite3' : null;
  if (!store) throw new Error(`--store ${opts.store}: expected sqlite3 or pg`);
  const only = new Set(opts.only.split(','));
  await ensureMailstack();
  if (store === 'pg') await runPgstack('start');
  const result: E2eResult = { bench: 'e2e', store, started_at: new Date().toISOString(), node: process.version };
  if (only.has('throughput')) {
    await resetMailboxes();
    result.throughput = await throughputAndLimit(store, Number(opts.messages), opts.cpuProf && path.resolve(opts.cpuProf));
  }
  if (only.has('latency')) {
    await resetMailboxes();
    result.latency = await latency(store, Number(opts.latencySeconds), Number(opts.latencyRate));
  }
  if (only.has('scaling')) result.scaling = await scaling(store, opts.scaling.split(',').map(Number), Number(opts.scalingMessages));
  await resetMailboxes();
  const out = path.resolve(opts.out ?? path.join('bench-results', `e2e-${store}-${result.started_at}.json`.replace(/:/g, '-')));
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  process.stdout.write(`${summary(result)}\nJSON: ${out}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});

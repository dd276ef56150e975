// Throughput of the whole pipeline through real mail, and the limit of its mail servers measured
// in the same run: what Postfix takes when it does nothing but take our mail, and what fetching and
// parsing the same messages costs when nothing else runs.
import { readdirSync, type Dirent } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ImapFlow } from 'imapflow';
import nodemailer from 'nodemailer';
import { MAILSTACK, POSTFIX_SPOOL } from '../../test/support/mailstack';
import { parseMessage } from '../../src/mail/parse';
import type { Db } from '../../src/store/db';
import { cpuBetween, sampleCpu, type CpuUsage } from './cpu-usage';
import type { BenchLetter } from './e2e-corpus';
import { storeProgress, type RunningDaemon } from './e2e-daemon';

export interface Envelope {
  from: string;
  to: string[];
  raw: Buffer;
}

/** Submits every envelope to Postfix over `connections` pooled SMTP sessions; resolves when all were accepted. */
export async function submitAll(envelopes: Envelope[], connections: number): Promise<number> {
  const transport = nodemailer.createTransport({ pool: true, maxConnections: connections, maxMessages: Infinity, host: MAILSTACK.host, port: MAILSTACK.smtpPort, secure: false, ignoreTLS: true });
  const start = performance.now();
  try {
    await Promise.all(envelopes.map((e) => transport.sendMail({ envelope: { from: e.from, to: e.to }, raw: e.raw })));
    return performance.now() - start;
  } finally {
    transport.close();
  }
}

export function complaintEnvelopes(letters: BenchLetter[]): Envelope[] {
  return letters.map((l) => ({ from: l.from, to: ['complaints@example.test'], raw: l.raw }));
}

export interface ThroughputResult {
  messages: number;
  seconds: number;
  submit_seconds: number;
  complaints_per_s: number;
  letters: number;
  /**
   * Staff lists waiting when the run ended: under a flood a queue's new cases go out in one letter a
   * window after its last one (staff.announcements.batchSeconds), a wait by design, not work left.
   */
  lists_waiting: number;
  /** Those lists' letters, sent after the run (they are in the limit's transits too), and how long after. */
  lists_sent: number;
  lists_sent_after_seconds: number;
  peak_rss_mb: number;
  /** CPU over the run, and per complaint: the daemon's, and everything else's on the machine. */
  cpu: CpuUsage & { daemon_ms_per_complaint: number; others_ms_per_complaint: number };
}

export interface LimitResult {
  fetch_parse_msgs_per_s: number;
  fetched: number;
  smtp_transits: number;
  smtp_transits_per_complaint: number;
  smtp_transits_per_s: number;
  smtp_complaints_per_s: number;
  /** The lower of the two: what the servers and the parser allow when nothing else runs. */
  complaints_per_s: number;
  /** While Postfix alone took the transits: how busy the machine was, and the CPU per transit of the mail stack and of the submitting client. */
  smtp_machine_busy: number;
  smtp_stack_cpu_ms_per_transit: number;
  smtp_client_cpu_ms_per_transit: number;
  smtp_by_command: Record<string, number>;
  /**
   * The same transits until Postfix had delivered them all (its queue empty), not only accepted
   * them: acceptance is the limit the issue sets, but a delivery costs the machine more than an
   * acceptance, and in the throughput run both happen while the daemon works.
   */
  delivered_seconds: number;
  delivered_complaints_per_s: number;
  delivered_stack_cpu_ms_per_transit: number;
  delivered_by_command: Record<string, number>;
}

/** Delivers the letters while the daemon runs; done when all are processed and every letter they caused was accepted. */
export async function measureThroughput(letters: BenchLetter[], daemon: RunningDaemon, db: Db, connections: number, onProgress: (line: string) => void): Promise<ThroughputResult> {
  const start = performance.now();
  const cpuBefore = sampleCpu(daemon.pid);
  let submitMs: number | null = null;
  const submitting = submitAll(complaintEnvelopes(letters), connections).then((ms) => (submitMs = ms));
  let peak = 0;
  let lastReport = 0;
  for (;;) {
    const p = await storeProgress(db);
    peak = Math.max(peak, daemon.peakRssMb());
    if (performance.now() - lastReport > 5000) {
      lastReport = performance.now();
      onProgress(`  ${((performance.now() - start) / 1000).toFixed(0)} s: ${p.processed}/${letters.length} processed, ${p.letters - p.unsent}/${p.letters} letters sent`);
    }
    if (submitMs !== null && p.processed >= letters.length && p.letters > 0 && p.unsent === 0) {
      const ms = performance.now() - start;
      const cpu = cpuBetween(cpuBefore, sampleCpu(daemon.pid));
      await submitting;
      return {
        messages: letters.length, seconds: round(ms / 1000, 2), submit_seconds: round((submitMs as number) / 1000, 2), complaints_per_s: round(letters.length / (ms / 1000), 1), letters: p.letters,
        lists_waiting: p.listsWaiting, ...(await waitListsSent(db, p.letters)), peak_rss_mb: peak,
        cpu: { ...cpu, daemon_ms_per_complaint: round(cpu.daemon_cpu_ms / letters.length, 1), others_ms_per_complaint: round(cpu.others_cpu_ms / letters.length, 1) },
      };
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Waits for the staff lists still waiting to go out as letters: how many, and how long it took. */
async function waitListsSent(db: Db, lettersBefore: number): Promise<{ lists_sent: number; lists_sent_after_seconds: number }> {
  const start = performance.now();
  for (;;) {
    const p = await storeProgress(db);
    if (p.listsWaiting === 0 && p.unsent === 0) return { lists_sent: p.letters - lettersBefore, lists_sent_after_seconds: round((performance.now() - start) / 1000, 1) };
    if (performance.now() - start > 3_600_000) throw new Error(`${p.listsWaiting} staff lists still waiting after an hour`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

// The test Postfix's queue folders are read directly, as postqueue would make Postfix scan the
// queue and cost the stack CPU of its own in the figures it is beside.
const QUEUES = ['maildrop', 'incoming', 'active', 'deferred', 'hold'];

function filesUnder(dir: string): number {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  return entries.reduce((n, e) => n + (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : 1), 0);
}

/** Waits until Postfix has delivered (or bounced) everything it accepted; the ms it took. */
export async function waitQueueDrained(timeoutMs: number): Promise<number> {
  const start = performance.now();
  while (QUEUES.reduce((n, q) => n + filesUnder(path.join(POSTFIX_SPOOL, q)), 0) > 0) {
    if (performance.now() - start > timeoutMs) throw new Error(`the Postfix queue in ${POSTFIX_SPOOL} did not drain in ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return performance.now() - start;
}

/** Fetches every message of `mailbox` in batches as the intake does, and parses each: nothing else. */
export async function measureFetchParse(mailbox: string, batchSize: number): Promise<{ messages: number; ms: number }> {
  const client = new ImapFlow({ host: MAILSTACK.host, port: MAILSTACK.imapPort, secure: false, doSTARTTLS: false, auth: { user: 'complaints@example.test', pass: MAILSTACK.password }, logger: false, disableAutoIdle: true });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const lock = await client.getMailboxLock(mailbox);
    try {
      const start = performance.now();
      const uids = ((await client.search({ all: true }, { uid: true })) || []).sort((a, b) => a - b);
      for (let i = 0; i < uids.length; i += batchSize) {
        for await (const msg of client.fetch(uids.slice(i, i + batchSize).join(','), { uid: true, source: true, envelope: true, internalDate: true }, { uid: true })) {
          if (msg.source) await parseMessage(msg.source, { maxMessageBytes: 26214400, maxAttachmentBytes: 10485760 });
        }
      }
      return { messages: uids.length, ms: performance.now() - start };
    } finally {
      lock.release();
    }
  } finally {
    await client.logout().catch(() => client.close());
  }
}

/** The letters the pipeline sent, as it sent them: the same bytes to the same recipients and its journal copy. */
export async function sentLetters(db: Db, journal: string): Promise<Envelope[]> {
  const rows = (await db('outbox').where({ status: 'sent' }).select('envelope_from', 'envelope_to', 'raw')) as Array<{ envelope_from: string; envelope_to: string; raw: Buffer }>;
  return rows.map((r) => ({ from: r.envelope_from, to: [...r.envelope_to.split(',').filter(Boolean), journal], raw: Buffer.from(r.raw) }));
}

export function round(value: number, digits: number): number {
  return Number(value.toFixed(digits));
}

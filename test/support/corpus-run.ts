// Runs a set of raw messages through the whole daemon over IMAP: each is appended to the complaints
// mailbox of the test mail stack, the daemon takes it in, and its ledger row says what became of it.
// Shared by the corpus e2e test (fixtures) and bench/corpus.ts (the evaluation corpus). Letters go to
// an in-memory relay: the corpus's senders live on domains the test relay refuses.
import { performance } from 'node:perf_hooks';
import type { Knex } from 'knex';
import { ensureMailstack, resetMailboxes, waitFor, withImap } from './mailstack';
import { startDaemon, testInstance } from './daemon-harness';
import type { Transport } from '../../src/outbox/transport';

export interface CorpusMessage {
  name: string;
  raw: Buffer;
}

export interface CorpusOutcome {
  name: string;
  bytes: number;
  /** null when the server refused the APPEND (the message never reached the mailbox). */
  uid: number | null;
  /** The ledger status; 'pending' when the run ended first (a hang); 'refused' for a refused APPEND. */
  status: string;
  reason: string | null;
  caseId: number | null;
}

export interface CorpusRun {
  outcomes: CorpusOutcome[];
  /** Messages still pending when the run gave up. */
  hangs: number;
  /** Messages quarantined because our own code kept failing on them ("processing failed N times"). */
  crashes: number;
  /** Every failed attempt of our code on a message, including ones a retry got past. */
  failedAttempts: number;
  appendMs: number;
  processMs: number;
  peakRssMb: number;
  lettersQueued: number;
}

const acceptingRelay: Transport = { send: async () => ({ response: '250 2.0.0 Ok: queued in memory', rejected: [] }), close: () => undefined };

/** Appends every message, starts the daemon, waits until none is pending (or `timeoutMs` passes). */
export async function runCorpus(messages: CorpusMessage[], opts: { timeoutMs: number; config?: Record<string, unknown>; keep?: (db: Knex) => Promise<void> }): Promise<CorpusRun> {
  await ensureMailstack();
  await resetMailboxes('complaints');
  const appendStart = performance.now();
  const uids = await appendAll(messages);
  const appendMs = performance.now() - appendStart;
  const instance = testInstance({ staff: { notify: [] }, log: { level: 'warn' }, ...opts.config });
  const daemon = await startDaemon(instance, {}, acceptingRelay);
  const start = performance.now();
  try {
    const expected = uids.filter((u): u is number => u !== null).length;
    await waitFor(async () => (await settledCount(daemon.db)) >= expected, { what: `all ${expected} messages processed`, timeoutMs: opts.timeoutMs, intervalMs: 500 })
      .catch(() => undefined);
    const processMs = performance.now() - start;
    const rows = (await daemon.db('inbound').select('uid', 'status', 'reason', 'case_id')) as Array<{ uid: number | string; status: string; reason: string | null; case_id: number | null }>;
    const byUid = new Map(rows.map((r) => [Number(r.uid), r]));
    const outcomes = messages.map((m, i): CorpusOutcome => {
      const uid = uids[i] ?? null;
      const row = uid === null ? undefined : byUid.get(uid);
      return { name: m.name, bytes: m.raw.length, uid, status: uid === null ? 'refused' : (row?.status ?? 'pending'), reason: uid === null ? 'the IMAP server refused the APPEND' : (row?.reason ?? null), caseId: row?.case_id ?? null };
    });
    const letters = (await daemon.db('outbox').count({ n: '*' }).first()) as { n: number | string };
    await opts.keep?.(daemon.db);
    return {
      outcomes,
      hangs: outcomes.filter((o) => o.status === 'pending').length,
      crashes: outcomes.filter((o) => o.reason?.startsWith('processing failed') ?? false).length,
      failedAttempts: daemon.logs.filter((l) => l.includes('"inbound.processing_failed"') || l.includes('"inbound.quarantined_after_errors"')).length,
      appendMs, processMs,
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      lettersQueued: Number(letters.n),
    };
  } finally {
    await daemon.close();
    instance.remove();
  }
}

/** One connection for the whole set; a message the server will not take is noted, not fatal. */
async function appendAll(messages: CorpusMessage[]): Promise<Array<number | null>> {
  return withImap('complaints', async (client) => {
    const uids: Array<number | null> = [];
    for (const m of messages) {
      const result = await client.append('INBOX', m.raw).catch(() => false as const);
      uids.push(result && result.uid !== undefined ? result.uid : null);
    }
    return uids;
  });
}

async function settledCount(db: Knex): Promise<number> {
  const row = (await db('inbound').whereNot({ status: 'pending' }).count({ n: '*' }).first()) as { n: number | string } | undefined;
  return Number(row?.n ?? 0);
}

// Latency as a client sees it: complaints sent at a steady rate, each timed from the client's send
// until the acknowledgement is in the client's INBOX. The INBOXes are watched by polling (NOOP), as
// IDLE would add the server's own notification delay to every figure.
import { performance } from 'node:perf_hooks';
import { ImapFlow } from 'imapflow';
import nodemailer from 'nodemailer';
import { MAILSTACK } from '../../test/support/mailstack';
import type { BenchLetter } from './e2e-corpus';
import { round } from './e2e-throughput';

export interface LatencyResult {
  rate_per_s: number;
  sent: number;
  acknowledged: number;
  p50_ms: number;
  p95_ms: number;
  p99_ms: number;
  max_ms: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number);
}

/** Watches one mailbox: every new message's In-Reply-To is handed to `seen` with the time it was noticed. */
async function watchInbox(user: string, seen: (inReplyTo: string, at: number) => void, stop: () => boolean): Promise<void> {
  const client = new ImapFlow({ host: MAILSTACK.host, port: MAILSTACK.imapPort, secure: false, doSTARTTLS: false, auth: { user, pass: MAILSTACK.password }, logger: false, disableAutoIdle: true });
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.mailboxOpen('INBOX');
    let known = client.mailbox ? client.mailbox.exists : 0;
    while (!stop()) {
      await client.noop();
      const exists = client.mailbox ? client.mailbox.exists : 0;
      if (exists > known) {
        const at = performance.now();
        for await (const msg of client.fetch(`${known + 1}:${exists}`, { envelope: true })) seen((msg.envelope?.inReplyTo ?? '').replace(/^<|>$/g, ''), at);
        known = exists;
      }
      await new Promise((r) => setTimeout(r, 25));
    }
  } finally {
    await client.logout().catch(() => client.close());
  }
}

/**
 * Sends `letters` at `rate` per second and times each letter that names one of them in In-Reply-To
 * landing in a client's INBOX: the daemon's acknowledgements, or with `direct` the letters
 * themselves sent straight to the clients (one transit of the mail stack, the floor under the
 * daemon's two).
 */
export async function measureLatency(letters: BenchLetter[], clients: string[], rate: number, log: (line: string) => void, direct = false): Promise<LatencyResult> {
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  let stopping = false;
  const watchers = clients.map((c) => watchInbox(c, (id, at) => {
    const t = sentAt.get(id);
    if (t === undefined) return;
    sentAt.delete(id);
    latencies.push(at - t);
  }, () => stopping));
  await new Promise((r) => setTimeout(r, 500));
  const transport = nodemailer.createTransport({ pool: true, maxConnections: 2, maxMessages: Infinity, host: MAILSTACK.host, port: MAILSTACK.smtpPort, secure: false, ignoreTLS: true });
  const start = performance.now();
  const sends: Array<Promise<unknown>> = [];
  for (let i = 0; i < letters.length; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const letter = letters[i] as BenchLetter;
    sentAt.set(letter.messageId, performance.now());
    const raw = direct ? Buffer.concat([Buffer.from(`In-Reply-To: <${letter.messageId}>\r\n`), letter.raw]) : letter.raw;
    sends.push(transport.sendMail({ envelope: { from: 'complaints@example.test', to: direct ? [letter.from] : ['complaints@example.test'] }, raw }));
    if (i > 0 && i % (rate * 10) === 0) log(`  ${i}/${letters.length} sent, ${latencies.length} acknowledged`);
  }
  await Promise.all(sends);
  transport.close();
  const deadline = performance.now() + 60_000;
  while (sentAt.size > 0 && performance.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  stopping = true;
  await Promise.all(watchers);
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    rate_per_s: rate, sent: letters.length, acknowledged: latencies.length,
    p50_ms: percentile(sorted, 50), p95_ms: percentile(sorted, 95), p99_ms: percentile(sorted, 99), max_ms: round(sorted[sorted.length - 1] ?? NaN, 0),
  };
}

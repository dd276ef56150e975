// `npm run test:chaos [-- --seed N --messages N --kills N]`: the full chaos run (500+ messages, at
// least 5 SIGKILLs, Dovecot and Postfix restarted, SMTP refusing for a stretch). Prints the seed
// first, so a failing run can be repeated with it, and the summary table last; exits 1 on any loss,
// duplicate, wrong outcome or stuck row. Starts the mail stack when it is not running, and then
// stops it again.
import net from 'node:net';
import { parseArgs } from 'node:util';
import { runChaos, summarize } from './chaos-run';
import { MAILSTACK, ensureMailstack, stopMailstack } from '../support/mailstack';

function positive(name: string, raw: string | undefined, fallback: number, min: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer of at least ${min} (got ${raw})`);
  return n;
}

async function isStackUp(): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(MAILSTACK.imapPort, MAILSTACK.host, () => { socket.end(); resolve(true); });
    socket.once('error', () => resolve(false));
  });
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { seed: { type: 'string' }, messages: { type: 'string' }, kills: { type: 'string' }, grace: { type: 'string' } } });
  const seed = positive('seed', values.seed, Math.floor(Math.random() * 1_000_000), 0);
  const options = { seed, messages: positive('messages', values.messages, 520, 10), kills: positive('kills', values.kills, 6, 0), outages: true };
  const graceSeconds = positive('grace', values.grace, 15, 1);
  process.stdout.write(`chaos: seed ${seed} (repeat with: npm run test:chaos -- --seed ${seed}), ${options.messages} messages, ${options.kills} kills, grace ${graceSeconds}s\n`);
  const wasUp = await isStackUp();
  await ensureMailstack();
  try {
    const started = Date.now();
    const report = await runChaos(options, { graceSeconds, idleTimeoutMs: 600_000, say: (line) => process.stdout.write(`${line}\n`) });
    const { table, passed } = summarize(report);
    if (!passed) process.stdout.write(`----- the daemon's last log lines (all of it: ${report.logFile}) -----\n${report.logTail}\n`);
    process.stdout.write(`chaos summary (${Math.round((Date.now() - started) / 1000)} s):\n${table}\nchaos: ${passed ? 'PASSED' : 'FAILED'} (seed ${seed})\n`);
    return passed ? 0 : 1;
  } finally {
    if (!wasUp) await stopMailstack();
  }
}

main().then((code) => process.exit(code), (err: unknown) => {
  process.stderr.write(`chaos: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});

// The daemon's memory while it takes in one large message: the installed command (dist/, as an admin
// runs it) is started against the loopback mail stack, a message of --mb megabytes is appended to the
// complaints mailbox, and the daemon's resident memory is sampled from /proc until the message is
// processed. Peak RSS (VmHWM), the idle RSS before, and what became of the message, as JSON.
// Usage: npx tsx bench/large-message.ts [--mb 25] [--kind attachment|text] [--parse-memory-mb 256]
// Needs scripts/mailstack start and a built dist/ (npm run build).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Command } from 'commander';
import { appendRaw, ensureMailstack, resetMailboxes, waitFor } from '../test/support/mailstack';
import { testInstance } from '../test/support/daemon-harness';
import { largeComplaint } from './lib/large-complaint';

const root = path.resolve(__dirname, '..');

function rssMb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

async function main(): Promise<void> {
  const opts = new Command().option('--mb <n>', 'message size in MB (10^6 bytes)', '25').option('--kind <kind>', 'attachment or text', 'attachment')
    .option('--parse-memory-mb <n>', 'mail.parseMemoryMb', '256').parse(process.argv).opts<{ mb: string; kind: 'attachment' | 'text'; parseMemoryMb: string }>();
  const raw = largeComplaint(Number(opts.mb) * 1_000_000, opts.kind);
  await ensureMailstack();
  await resetMailboxes('complaints');
  const instance = testInstance({ staff: { notify: [] }, log: { level: 'info', format: 'json', maskPersonalData: true }, mail: { parseMemoryMb: Number(opts.parseMemoryMb) } });
  const daemon = spawn(process.execPath, [path.join(root, 'bin/complaintd.js'), '-c', instance.configFile, 'start'], { cwd: instance.dir, env: { ...process.env, COMPLAINTD_CONFIG: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  daemon.stdout.on('data', (c: Buffer) => (output += c.toString()));
  daemon.stderr.on('data', (c: Buffer) => (output += c.toString()));
  const pid = daemon.pid as number;
  try {
    await waitFor(async () => output.includes('"intake.connected"'), { what: 'the daemon connected to the mailbox', timeoutMs: 30_000 });
    // Let start-up settle, so "idle" is the daemon waiting for mail.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const idle = rssMb(pid, 'VmRSS');
    const start = performance.now();
    await appendRaw('complaints', 'INBOX', raw);
    let sampled = idle;
    const line = await waitFor(async () => {
      sampled = Math.max(sampled, rssMb(pid, 'VmRSS'));
      return output.split('\n').find((l) => /"event":"inbound\.(registered|quarantined|automated|follow_up|duplicate|quarantined_after_errors)"/.test(l));
    }, { what: 'the large message processed', timeoutMs: 300_000, intervalMs: 20 });
    const seconds = (performance.now() - start) / 1000;
    const entry = JSON.parse(line) as { event: string; reason?: string; case?: string };
    const result = {
      bench: 'large-message', kind: opts.kind, message_bytes: raw.length, parse_memory_mb: Number(opts.parseMemoryMb),
      outcome: entry.event.replace('inbound.', ''), reason: entry.reason ?? null, case: entry.case ?? null,
      idle_rss_mb: idle, peak_rss_sampled_mb: sampled, peak_rss_mb: rssMb(pid, 'VmHWM'), seconds: Number(seconds.toFixed(2)), node: process.version,
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } catch (err) {
    process.stderr.write(output.split('\n').slice(-30).join('\n'));
    throw err;
  } finally {
    daemon.kill('SIGTERM');
    await new Promise((resolve) => daemon.once('exit', resolve));
    instance.remove();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});

// Every raw message of a folder (the evaluation corpus: ../shared/corpus/raw) through the whole
// daemon over IMAP on the loopback mail stack: appended to the complaints mailbox, taken in, parsed
// in the bounded parse thread, classified, registered or recorded or quarantined. Counts outcomes,
// quarantine reasons, crashes and hangs, and the time it took.
// Usage: npx tsx bench/corpus.ts DIR [--details FILE] [--timeout-s 900]. Needs scripts/mailstack start
// (MAILSTACK_* move it). JSON on stdout, a summary table on stderr.
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { runCorpus, type CorpusMessage, type CorpusOutcome } from '../test/support/corpus-run';

function emlFiles(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return emlFiles(full);
    return name.endsWith('.eml') ? [full] : [];
  });
}

/** A quarantine reason without its numbers and case names, so alike reasons count together. */
export function reasonKey(reason: string | null): string {
  return (reason ?? '(none)').replace(/\d+/g, 'N').slice(0, 90);
}

function tally(outcomes: CorpusOutcome[], key: (o: CorpusOutcome) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const o of outcomes) counts[key(o)] = (counts[key(o)] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).sort((a, b) => b[1] - a[1]));
}

async function main(): Promise<void> {
  const opts = new Command().argument('<dir>').option('--details <file>', 'write every message\'s outcome as JSON lines').option('--timeout-s <s>', 'give up waiting after this long', '900')
    .parse(process.argv);
  const dir = path.resolve(opts.args[0] as string);
  const { details, timeoutS } = opts.opts<{ details?: string; timeoutS: string }>();
  const messages: CorpusMessage[] = emlFiles(dir).map((file) => ({ name: path.relative(dir, file), raw: readFileSync(file) }));
  const run = await runCorpus(messages, { timeoutMs: Number(timeoutS) * 1000 });
  const result = {
    bench: 'corpus',
    dir,
    messages: messages.length,
    bytes: messages.reduce((n, m) => n + m.raw.length, 0),
    outcomes: tally(run.outcomes, (o) => o.status),
    quarantine_reasons: tally(run.outcomes.filter((o) => o.status === 'quarantined'), (o) => reasonKey(o.reason)),
    crashes: run.crashes,
    failed_attempts: run.failedAttempts,
    hangs: run.hangs,
    letters_queued: run.lettersQueued,
    append_s: Number((run.appendMs / 1000).toFixed(1)),
    process_s: Number((run.processMs / 1000).toFixed(1)),
    process_msgs_per_s: Number((messages.length / (run.processMs / 1000)).toFixed(1)),
    peak_rss_mb: run.peakRssMb,
    node: process.version,
  };
  if (details) writeFileSync(details, run.outcomes.map((o) => JSON.stringify(o)).join('\n') + '\n');
  process.stdout.write(`${JSON.stringify(result)}\n`);
  const rows = [...Object.entries(result.outcomes).map(([k, v]) => [k, v]), ['crashes', run.crashes], ['hangs', run.hangs], ['seconds', result.process_s]];
  process.stderr.write(`\n${messages.length} messages from ${dir}\n${rows.map(([k, v]) => `  ${String(k).padEnd(14)} ${String(v).padStart(6)}`).join('\n')}\n`);
  for (const [reason, n] of Object.entries(result.quarantine_reasons)) process.stderr.write(`    ${String(n).padStart(4)}  ${reason}\n`);
  if (run.crashes > 0 || run.hangs > 0) process.exitCode = 1;
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});

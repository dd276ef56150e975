// `complaintd import --mbox FILE | --maildir DIR | --eml DIR [--dry-run]`: historic mail registered
// as cases without a letter sent (src/import/import-mail.ts), a progress bar, and the summary.
import type { Command } from 'commander';
import type { PipelineDeps } from '../pipeline';
import { importMessages, type ImportSummary } from './import-mail';
import { readEmlDir, readMaildir, readMbox, type SourceMessage } from './mail-sources';
import { progressFor } from './progress';

export interface ImportCommandDeps {
  /** A dry run gets the store as it is (nothing migrated, no secret made); a real one a migrated store. */
  withPipeline<T>(dryRun: boolean, fn: (deps: PipelineDeps) => Promise<T>): Promise<T>;
}

interface ImportFlags {
  mbox?: string[];
  maildir?: string[];
  eml?: string[];
  dryRun?: boolean;
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

export function formatSummary(s: ImportSummary, dryRun: boolean): string {
  const rows: Array<[string, number]> = [
    ['registered', s.registered], ['follow-ups', s.followUps], ['automated', s.automated], ['bounces', s.bounces],
    ['quarantined', s.quarantined], ['duplicates', s.duplicates], ['errors', s.errors.length],
  ];
  const lines = [`import${dryRun ? ' (dry run: nothing written)' : ''}: ${s.read} message(s) in ${(s.ms / 1000).toFixed(1)} s`, ...rows.map(([name, n]) => `  ${name.padEnd(12)} ${n}`)];
  for (const e of s.errors.slice(0, 20)) lines.push(`  error: ${e.origin}: ${e.error}`);
  if (s.errors.length > 0) lines.push('  (messages with errors were left out; running the import again tries them again)');
  return lines.join('\n') + '\n';
}

export function registerImportCommand(program: Command, deps: ImportCommandDeps): void {
  program
    .command('import')
    .description('register historic mail as cases through the same pipeline, sending no letter; running it twice adds nothing')
    .option('--mbox <file>', 'an mbox file (repeatable)', collect)
    .option('--maildir <dir>', 'a Maildir (its cur/ and new/; repeatable)', collect)
    .option('--eml <dir>', 'a folder of .eml files (repeatable)', collect)
    .option('--dry-run', 'say what would happen, write nothing')
    .action(async (flags: ImportFlags) => {
      const sources = [...(flags.mbox ?? []).map((f) => () => readMbox(f)), ...(flags.maildir ?? []).map((d) => () => readMaildir(d)), ...(flags.eml ?? []).map((d) => () => readEmlDir(d))];
      if (sources.length === 0) program.error('name what to import: --mbox FILE, --maildir DIR or --eml DIR', { exitCode: 2 });
      const messages: SourceMessage[] = [];
      for (const read of sources) messages.push(...(await read()));
      const dryRun = flags.dryRun === true;
      const summary = await deps.withPipeline(dryRun, async (pipeline) => {
        const progress = progressFor(messages.length, process.stderr);
        try {
          return await importMessages(pipeline, messages, { dryRun, onProgress: (done) => progress.update(done) });
        } finally {
          progress.stop();
        }
      });
      process.stdout.write(formatSummary(summary, dryRun));
      if (summary.errors.length > 0) process.exitCode = 1;
    });
}

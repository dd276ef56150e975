// `complaintd suppressions list|clear`: the addresses the sender will not write to, and an admin
// lifting one (recorded with who and when) once the address works again.
import type { Command } from 'commander';
import type { Knex } from 'knex';
import { clearSuppression, listSuppressions, type SuppressionRow } from '../store/suppression-repo';
import { processListingIo, writeListing } from '../command-line/listing';

type WithStore = <T>(fn: (db: Knex) => Promise<T>) => Promise<T>;

const out = (line = ''): void => void process.stdout.write(`${line}\n`);

export function registerSuppressionCommands(program: Command, stores: { withStore: WithStore; readStore: WithStore }): void {
  const suppressions = program.command('suppressions').description('addresses nothing is sent to after they bounced, until their time is up or an admin clears them');
  suppressions
    .command('list')
    .description('the addresses suppressed now, newest first')
    .option('--all', 'also entries that ran out or were cleared')
    .option('--json', 'one JSON object per line')
    .action(async (opts: { all?: boolean; json?: boolean }) => {
      const now = new Date();
      const rows = await stores.readStore((db) => listSuppressions(db, { all: opts.all === true, now }));
      writeListing({
        rows, total: rows.length, noun: 'suppressed address(es)', json: opts.json === true, line: (r) => line(r, now), record: (r) => summary(r, now),
        footer: `${rows.length} suppressed address(es)${opts.all ? ', including past entries' : ''}`,
      }, processListingIo);
    });
  suppressions
    .command('clear <address>')
    .description('send to the address again; who cleared it is recorded')
    .requiredOption('--by <who>', 'who clears it, for the record')
    .action(async (address: string, opts: { by: string }) => {
      const cleared = await stores.withStore((db) => clearSuppression(db, address, opts.by, new Date()));
      if (cleared === 0) {
        process.stderr.write(`${address} is not suppressed\n`);
        process.exitCode = 1;
        return;
      }
      out(`${address.trim().toLowerCase()}: cleared by ${opts.by}; letters are sent there again`);
    });
}

function state(r: SuppressionRow, now: Date): 'active' | 'expired' | 'cleared' {
  if (r.clearedAt) return 'cleared';
  return r.until.getTime() > now.getTime() ? 'active' : 'expired';
}

function summary(r: SuppressionRow, now: Date): Record<string, unknown> {
  return { address: r.address, state: state(r, now), until: r.until.toISOString(), reason: r.reason, since: r.createdAt, outboxId: r.outboxId, caseId: r.caseId, clearedAt: r.clearedAt, clearedBy: r.clearedBy };
}

function line(r: SuppressionRow, now: Date): string {
  const cleared = r.clearedAt ? `  cleared ${r.clearedAt} by ${r.clearedBy ?? '?'}` : '';
  return `${r.address.padEnd(32)} ${state(r, now).padEnd(8)} until ${r.until.toISOString()}  ${r.reason}${cleared}`;
}

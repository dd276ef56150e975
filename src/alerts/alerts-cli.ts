// `complaintd alerts list`: the abnormal situations the daemon told people of, newest first, with the
// rule that fired, so an admin can see what was raised without searching the supervisors' mail.
import type { Command } from 'commander';
import type { Knex } from 'knex';
import { alertsOf, countAlerts } from '../store/alert-repo';
import { positiveInteger, processListingIo, writeListing } from '../command-line/listing';
import { ALERT_KINDS } from './alert-kinds';

type ReadStore = <T>(fn: (db: Knex) => Promise<T>) => Promise<T>;

export function registerAlertCommands(program: Command, readStore: ReadStore): void {
  program
    .command('alerts')
    .description('the abnormal situations raised')
    .command('list')
    .description('alerts, newest first')
    .option('--kind <kind>', ALERT_KINDS.join(', '))
    .option('--limit <n>', 'at most this many', positiveInteger, 100)
    .option('--json', 'one JSON object per line')
    .action(async (opts: { kind?: string; limit: number; json?: boolean }) => {
      const filter = opts.kind ? { kind: opts.kind } : {};
      const { rows, total } = await readStore(async (db) => ({ rows: await alertsOf(db, { ...filter, limit: opts.limit }), total: await countAlerts(db, filter) }));
      writeListing({
        rows, total, noun: 'alert(s)', json: opts.json === true, record: (r) => r,
        line: (r) => `#${r.id}  ${r.createdAt}  ${r.kind.padEnd(19)} ${r.caseId === null ? 'no case' : `case #${r.caseId}`}  ${r.rule}: ${r.reason}`,
      }, processListingIo);
    });
}

// `complaintd outbox list`: the letters the daemon queued and what became of each (sent, waiting to
// retry, failed, bounced, suppressed), for an admin asking "did the client get our answer?".
import type { Command } from 'commander';
import type { Knex } from 'knex';
import { countOutbox, listOutbox } from '../store/outbox-repo';
import { positiveInteger, processListingIo, writeListing } from '../command-line/listing';

type ReadStore = <T>(fn: (db: Knex) => Promise<T>) => Promise<T>;

export function registerOutboxCommands(program: Command, readStore: ReadStore): void {
  program
    .command('outbox')
    .description('the letters queued to send, with their state')
    .command('list')
    .description('letters, newest first')
    .option('--status <status>', 'queued, sending, sent, retry_wait, failed, bounced or suppressed')
    .option('--limit <n>', 'at most this many', positiveInteger, 100)
    .option('--json', 'one JSON object per line')
    .action(async (opts: { status?: string; limit: number; json?: boolean }) => {
      const filter = opts.status ? { status: opts.status } : {};
      const { rows, total } = await readStore(async (db) => ({ rows: await listOutbox(db, { ...filter, limit: opts.limit }), total: await countOutbox(db, filter) }));
      writeListing({
        rows, total, noun: 'letter(s)', json: opts.json === true, record: (r) => r,
        line: (r) => `#${r.id}  ${(r.caseNumber ?? '-').padEnd(16)} ${r.kind.padEnd(17)} ${r.status.padEnd(10)} attempts ${r.attempts}  ${r.createdAt}  to ${r.to.join(', ')}${r.lastError ? `  last error: ${r.lastError}` : ''}`,
      }, processListingIo);
    });
}

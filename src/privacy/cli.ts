// `complaintd forget <address>` and `complaintd retention run`: erasing a client's personal data on
// request, and purging what is older than the retention ages now rather than at the daily run.
import { userInfo } from 'node:os';
import type { Command } from 'commander';
import type { Knex } from 'knex';
import type { ImapFlow } from 'imapflow';
import type { AppConfig } from '../config/schema';
import { forgetClient, type ForgetReport } from './forget';
import { eraseMailboxCopies, type EraseResult } from './mailbox-erase';
import { runRetention, type RetentionReport } from './retention-run';
import { isRetentionOn } from './retention';
import { inTransaction } from './dry-run';
import { totalChanges, type ForgetCounts } from '../store/privacy-repo';
import { normalizeAddress } from '../mail/addresses';

type WithStore = <T>(fn: (db: Knex) => Promise<T>) => Promise<T>;

export interface PrivacyCliDeps {
  withStore: WithStore;
  config: () => AppConfig;
  createImapClient: (imap: AppConfig['imap']) => ImapFlow;
}

const out = (line = ''): void => void process.stdout.write(`${line}\n`);

export function registerPrivacyCommands(program: Command, deps: PrivacyCliDeps): void {
  program
    .command('forget <address>')
    .description('erase a client\'s personal data: texts, names, addresses, attachments, raw messages and letters; counts, causes and times stay')
    .option('--dry-run', 'list what would change, change nothing')
    .option('--by <who>', 'who asked for it or runs it, for the record on each case', `cli (${whoRuns()})`)
    .option('--keep-mailbox', 'leave the copies on the mail server (processed mail, journal copies of our letters) as they are')
    .action(async (given: string, opts: { dryRun?: boolean; by: string; keepMailbox?: boolean }) => {
      const address = normalizeAddress(given);
      if (!address) {
        process.stderr.write(`${given} is not an e-mail address\n`);
        process.exitCode = 2;
        return;
      }
      const now = new Date();
      await deps.withStore(async (db) => {
        const plan = await forgetClient(db, { address, by: opts.by, now, dryRun: true });
        if (opts.dryRun) return printForget(plan, null);
        // The mailbox first: should it fail, the store still names the copies and a second run finds them again.
        let erased: EraseResult | null = null;
        if (!opts.keepMailbox && plan.mailboxCopies.length > 0) erased = await eraseOnServer(deps, plan);
        const done = await forgetClient(db, { address, by: opts.by, now, dryRun: false });
        printForget(done, erased);
      });
    });

  const retention = program.command('retention').description('purge personal data older than retention.rawDays / retention.bodyDays');
  retention
    .command('run')
    .description('purge now what the daily job would; reports what went')
    .option('--dry-run', 'report what would go, change nothing')
    .action(async (opts: { dryRun?: boolean }) => {
      const settings = deps.config().retention;
      if (!isRetentionOn(settings)) {
        out('retention is off: retention.rawDays and retention.bodyDays are both 0, nothing is purged');
        return;
      }
      const report = await deps.withStore((db) => inTransaction(db, opts.dryRun === true, (trx) => runRetention(trx, settings, new Date(), 'cli')));
      printRetention(report, opts.dryRun === true, settings);
    });
}

/** The operating-system user, for the record when --by is not given; an account without a name is "unknown". */
function whoRuns(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

async function eraseOnServer(deps: PrivacyCliDeps, plan: ForgetReport): Promise<EraseResult> {
  const client = deps.createImapClient(deps.config().imap);
  // A socket failure is an 'error' event as well as a failed command: the command's error is the one reported.
  client.on('error', () => undefined);
  try {
    await client.connect();
    return await eraseMailboxCopies(client, plan.mailboxCopies);
  } catch (err) {
    throw new Error(`could not delete the copies on the mail server (${(err as Error).message}); nothing was changed in the store. Run again once the mailbox answers, or pass --keep-mailbox to leave them there`);
  } finally {
    await client.logout().catch(() => undefined);
  }
}

const LABELS: Record<keyof ForgetCounts, string> = {
  cases: 'case', messages: 'messages', attachments: 'attachments', rawMessages: 'raw messages', lettersEmptied: 'letters emptied', lettersCancelled: 'letters cancelled',
  participants: 'participants', history: 'history entries', decisions: 'decisions', links: 'links', alerts: 'alerts', suppressions: 'suppressions',
};

function countsLine(c: ForgetCounts): string {
  const parts = (Object.keys(LABELS) as Array<keyof ForgetCounts>).filter((k) => c[k] > 0).map((k) => `${LABELS[k]} ${c[k]}`);
  return parts.length > 0 ? parts.join(', ') : 'nothing';
}

function printForget(r: ForgetReport, erased: EraseResult | null): void {
  const verb = r.dryRun ? 'would change' : 'changed';
  for (const c of r.cases) out(`${c.number.padEnd(18)} ${c.client ? 'client\'s case' : 'took part    '}  ${countsLine(c.counts)}`);
  out(`${'(no case)'.padEnd(18)} ${''.padEnd(13)}  ${countsLine(r.caseless)}`);
  out(totalChanges(r.total) === 0 ? 'nothing in the store names this address (any more)' : `${verb}: ${r.cases.length} case(s); ${countsLine(r.total)}`);
  if (r.dryRun) out(`copies on the mail server that would be deleted: ${r.mailboxCopies.length}`);
  else if (erased) out(`copies on the mail server: ${erased.deleted} deleted, ${erased.notFound} no longer there`);
}

function printRetention(r: RetentionReport, dryRun: boolean, s: { rawDays: number; bodyDays: number }): void {
  const verb = dryRun ? 'would purge' : 'purged';
  out(`${verb}: raw bytes of ${r.rawMessages} message(s) and ${r.rawLetters} letter(s) older than ${s.rawDays || '∞'} day(s); texts of ${r.cases} case(s) closed more than ${s.bodyDays || '∞'} day(s) ago (${r.messages} message(s), ${r.attachments} attachment(s))`);
}

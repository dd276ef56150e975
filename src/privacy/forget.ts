// `complaintd forget <address>`: a client's right to have their personal data erased. Each case is
// rewritten in its own transaction (held against the daemon while it is), then what belongs to no
// case; every case touched says on its history that it was done, by whom and when. Interrupted, it
// is run again: what was done no longer names the address, so a second run does only the rest.
// A dry run does the same work and rolls each transaction back (dry-run.ts).
import type { Knex } from 'knex';
import { lockCase } from '../store/case-repo';
import { addHistory } from '../store/history-repo';
import { addCounts, casesNaming, casesOfClient, forgetCaseless, forgetOnCase, NO_CHANGES, totalChanges, type ForgetCounts, type MailboxCopy } from '../store/privacy-repo';
import { newPseudonym, type Scrubber } from './scrub';
import { inTransaction } from './dry-run';

export interface ForgetRequest {
  address: string;
  /** Who asked for it or ran it, for the record on each case. */
  by: string;
  now: Date;
  dryRun: boolean;
  pseudonym?: string;
}

export interface ForgetReport {
  dryRun: boolean;
  cases: Array<{ number: string; client: boolean; counts: ForgetCounts }>;
  caseless: ForgetCounts;
  total: ForgetCounts;
  /** Messages the mail server may still hold (processed mail, journal copies of our letters). */
  mailboxCopies: MailboxCopy[];
}

export const FORGOTTEN_EVENT = 'personal_data_forgotten';

export async function forgetClient(db: Knex, req: ForgetRequest): Promise<ForgetReport> {
  const address = req.address.trim().toLowerCase();
  const own = await casesOfClient(db, address);
  const others = await casesNaming(db, address, new Set(own.map((c) => c.id)));
  const s: Scrubber = { address, pseudonym: req.pseudonym ?? newPseudonym(), names: [...new Set(own.map((c) => c.clientName).filter(Boolean))] };
  const at = req.now.toISOString();
  const cancelReason = `cancelled: the client's personal data was forgotten (by ${req.by} at ${at})`;
  const report: ForgetReport = { dryRun: req.dryRun, cases: [], caseless: { ...NO_CHANGES }, total: { ...NO_CHANGES }, mailboxCopies: [] };

  for (const kase of [...own.map((c) => ({ ...c, client: true })), ...others.map((c) => ({ ...c, client: false }))]) {
    const done = await inTransaction(db, req.dryRun, async (trx) => {
      await lockCase(trx, { id: kase.id });
      const result = await forgetOnCase(trx, kase.id, s, kase.client, cancelReason);
      if (totalChanges(result.counts) > 0) {
        await addHistory(trx, kase.id, at, { event: FORGOTTEN_EVENT, actor: req.by, reason: describe(kase.client, result.counts), details: { ...result.counts } });
      }
      return result;
    });
    if (totalChanges(done.counts) === 0) continue;
    report.cases.push({ number: kase.number, client: kase.client, counts: done.counts });
    report.mailboxCopies.push(...done.copies);
  }
  const rest = await inTransaction(db, req.dryRun, (trx) => forgetCaseless(trx, s, cancelReason));
  report.caseless = rest.counts;
  report.mailboxCopies.push(...rest.copies);
  report.total = report.cases.reduce((sum, c) => addCounts(sum, c.counts), rest.counts);
  return report;
}

/** The history line: what was taken out, never whose it was. */
function describe(client: boolean, c: ForgetCounts): string {
  const parts = [
    client ? 'the client\'s address, name, subject and complaint text' : 'the client\'s address and what they wrote on this case',
    `${c.messages} message(s)`, `${c.attachments} attachment(s)`, `${c.rawMessages} raw message(s)`,
    `${c.lettersEmptied} letter(s) emptied`, `${c.lettersCancelled} unsent letter(s) cancelled`,
  ];
  return `personal data forgotten on request: ${parts.join(', ')}; counts, causes, statuses and times are kept`;
}

// `complaintd cases list|show` and `complaintd inbound list`: what staff and admins look at from a
// terminal, the case with its messages and the history that says why each step happened.
import type { Command } from 'commander';
import type { Knex } from 'knex';
import { countCases, findCaseByNumber, listCases, type CaseRow } from '../store/case-repo';
import { attachmentsOfCase, messagesOfCase } from '../store/message-repo';
import { historyOfCase } from '../store/history-repo';
import { lettersOfCase } from '../store/outbox-repo';
import { linksOfCase } from '../store/case-link-repo';
import { participantsOf } from '../store/participant-repo';
import { countInbound, listInbound, type InboundStatus } from '../store/inbound-repo';
import { positiveInteger, processListingIo, writeListing } from '../command-line/listing';
import type { CategorySet } from '../rules/categories';
import { CategoryChangeError, setCaseCategory } from './set-category';
import { registerActCommand, type WithDesk } from './act-cli';

type WithStore = <T>(fn: (db: Knex) => Promise<T>) => Promise<T>;
type LoadCategories = () => Promise<CategorySet>;

const out = (line = ''): void => void process.stdout.write(`${line}\n`);

/** `withStore` migrates and may write; `readStore` only looks at a store that exists and is current. */
export function registerCaseCommands(program: Command, stores: { withStore: WithStore; readStore: WithStore; withDesk: WithDesk }, loadCategories: LoadCategories): void {
  const { withStore, readStore } = stores;
  const cases = program.command('cases').description('look at registered cases, act on them, confirm or correct their cause');
  registerActCommand(cases, stores.withDesk);
  cases
    .command('list')
    .description('registered cases, oldest first')
    .option('--status <status>', 'only cases in this status (new, in_progress, ...)')
    .option('--limit <n>', 'at most this many', positiveInteger, 1000)
    .option('--json', 'one JSON object per line')
    .action(async (opts: { status?: string; limit: number; json?: boolean }) => {
      const filter = opts.status ? { status: opts.status } : {};
      const { rows, total } = await readStore(async (db) => ({ rows: await listCases(db, { ...filter, limit: opts.limit }), total: await countCases(db, filter) }));
      writeListing({ rows, total, noun: 'case(s)', json: opts.json === true, line: caseLine, record: summary }, processListingIo);
    });

  cases
    .command('show <number>')
    .description('one case: its details, messages, letters and history with reasons')
    .option('--json', 'as one JSON object')
    .action(async (number: string, opts: { json?: boolean }) => {
      const shown = await readStore(async (db) => {
        const kase = await findCaseByNumber(db, number.toUpperCase());
        if (!kase) return null;
        return {
          kase, messages: await messagesOfCase(db, kase.id), attachments: await attachmentsOfCase(db, kase.id), letters: await lettersOfCase(db, kase.id),
          history: await historyOfCase(db, kase.id), links: await linksOfCase(db, kase.id), participants: (await participantsOf(db, [kase.id])).get(kase.id) ?? [],
        };
      });
      if (!shown) {
        process.stderr.write(`no case ${number}\n`);
        process.exitCode = 1;
        return;
      }
      if (opts.json) return out(JSON.stringify(shown, null, 2));
      const { kase, messages, attachments, letters, history, links, participants } = shown;
      out(`${kase.number}  ${kase.status}  ${kase.category ?? '-'}${kase.needsReview ? ' (needs review)' : ''}  dept ${kase.department ?? '-'}  priority ${kase.priority ?? '-'}`);
      out(`client:   ${kase.clientName ? `${kase.clientName} ` : ''}<${kase.clientAddress}>`);
      out(`received: ${kase.receivedAt}   language: ${kase.language ?? '?'}   letters in: ${kase.locale}`);
      out(`due:      ${kase.deadlineAt ?? '-'} (${kase.deadlineDays} ${kase.deadlineUnit} days${kase.deadlineOverrideAt ? ', set by staff' : ''})   assignee: ${kase.assignee ?? '- (department queue)'}`);
      out(`subject:  ${kase.subject}`);
      out(`thread:   ${participants.join(', ')}`);
      for (const l of links) out(`linked:   ${l.direction === 'to' ? '->' : '<-'} ${l.otherNumber} (${l.relation}): ${l.reason}`);
      out('');
      // Staff read the client's own words first; the quoted history is kept, only folded away.
      const complaint = messages[0]?.reply;
      out(indent((complaint ? complaint.text : kase.body).trim()));
      if (complaint?.quote) out(`    [+ ${complaint.quote.split('\n').length} quoted lines]`);
      out('');
      out(`messages (${messages.length}):`);
      for (const m of messages) {
        out(`  ${m.at}  ${m.direction === 'in' ? '<-' : '->'} ${m.kind.padEnd(15)} ${m.direction === 'in' ? m.fromAddress ?? '' : m.toAddresses.join(', ')}  ${m.subject}`);
        if (m.direction === 'in' && m !== messages[0] && m.reply) out(indent(indent(m.reply.text.trim() || '(no new text)')));
      }
      if (attachments.length > 0) {
        out(`attachments (${attachments.length}):`);
        for (const a of attachments) out(`  ${a.safeName}  ${a.size} bytes  sha256 ${a.sha256.slice(0, 16)}…${a.kept ? '' : '  (content not kept)'}`);
      }
      out(`letters (${letters.length}):`);
      for (const l of letters) out(`  #${l.id} ${l.kind.padEnd(15)} ${l.status.padEnd(10)} attempts ${l.attempts}  to ${l.to}${l.lastError ? `  last error: ${l.lastError}` : ''}`);
      out(`history (${history.length}):`);
      for (const h of history) out(`  ${h.at}  ${h.event.padEnd(24)} ${h.actor.padEnd(8)} ${h.reason}`);
    });

  cases
    .command('category <number> <category>')
    .description('confirm or correct a case\'s category; confirmed cases train the classifier')
    .option('--by <who>', 'who decided, for the case history', process.env.USER ?? 'staff')
    .action(async (number: string, category: string, opts: { by: string }) => {
      const categories = await loadCategories();
      try {
        out(await withStore((db) => setCaseCategory(db, categories, { number: number.toUpperCase(), category, actor: opts.by, now: new Date() })));
      } catch (err) {
        if (!(err instanceof CategoryChangeError)) throw err;
        process.stderr.write(`${err.message}\n`);
        process.exitCode = 1;
      }
    });

  program
    .command('inbound')
    .description('the inbound ledger: every message fetched, with what became of it')
    .command('list')
    .option('--status <status>', 'pending, registered, follow_up, automated, bounce, own_copy, duplicate or quarantined')
    .option('--limit <n>', 'at most this many, newest first', positiveInteger, 100)
    .option('--json', 'one JSON object per line')
    .action(async (opts: { status?: InboundStatus; limit: number; json?: boolean }) => {
      const status = opts.status ?? null;
      const { rows, total } = await readStore(async (db) => ({ rows: await listInbound(db, status, opts.limit), total: await countInbound(db, status) }));
      writeListing({
        rows, total, noun: 'message(s)', json: opts.json === true,
        line: (r) => `#${r.id}  uid ${r.uid}  ${r.status.padEnd(11)} ${r.movedTo ? `-> ${r.movedTo}` : '(in mailbox)'}  ${r.reason ?? ''}`,
        record: (r) => ({ id: r.id, mailbox: r.mailbox, uidvalidity: r.uidvalidity, uid: r.uid, messageKey: r.messageKey, receivedAt: r.receivedAt, status: r.status, reason: r.reason, caseId: r.caseId, movedTo: r.movedTo }),
      }, processListingIo);
    });
}

function summary(r: CaseRow): Record<string, unknown> {
  return { number: r.number, status: r.status, client: r.clientAddress, subject: r.subject, category: r.category, needsReview: r.needsReview, receivedAt: r.receivedAt };
}

function caseLine(r: CaseRow): string {
  return `${r.number}  ${r.status.padEnd(11)} ${(r.category ?? '-').padEnd(18)} ${r.needsReview ? '?' : ' '} ${r.clientAddress.padEnd(28)} ${r.subject}`;
}

function indent(text: string): string {
  return text.split('\n').map((l) => `    ${l}`).join('\n');
}

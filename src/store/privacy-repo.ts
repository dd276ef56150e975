// Rewrites one client's personal data where the store keeps it: on a case (its row, messages,
// attachments, ledger rows, letters, participants, history, decisions, links, alerts) and in the rows
// that belong to no case (ledger rows that never became one, letters, suppressions, system alerts).
// Each function takes the caller's transaction and returns what it changed; the rules of what
// becomes what are in privacy/scrub.ts. Text columns only hold what mail gave (see migration 001).
import type { Knex } from 'knex';
import { FORGOTTEN, isUnsentLetter, namesAddress, scrubNullable, scrubRaw, scrubText, type Scrubber } from '../privacy/scrub';
import { senderAddressOf } from '../mail/sender-address';
import type { OutboxStatus } from './outbox-repo';

export interface ForgetCounts {
  cases: number;
  messages: number;
  attachments: number;
  rawMessages: number;
  lettersEmptied: number;
  lettersCancelled: number;
  participants: number;
  history: number;
  decisions: number;
  links: number;
  alerts: number;
  suppressions: number;
}

/** A copy of a message that the mail server still holds: where, and its Message-ID. */
export interface MailboxCopy {
  folder: string;
  messageId: string;
}

export const NO_CHANGES: ForgetCounts = {
  cases: 0, messages: 0, attachments: 0, rawMessages: 0, lettersEmptied: 0, lettersCancelled: 0, participants: 0, history: 0, decisions: 0, links: 0, alerts: 0, suppressions: 0,
};

const CHUNK = 500;

export function addCounts(a: ForgetCounts, b: ForgetCounts): ForgetCounts {
  const out = { ...a };
  for (const k of Object.keys(out) as Array<keyof ForgetCounts>) out[k] += b[k];
  return out;
}

export function totalChanges(c: ForgetCounts): number {
  return Object.values(c).reduce((sum, n) => sum + n, 0);
}

/** The client's own cases, with the names they gave on them. */
export async function casesOfClient(db: Knex, address: string): Promise<Array<{ id: number; number: string; clientName: string }>> {
  const rows = (await db('cases').where({ client_address: address }).orderBy('id').select('id', 'number', 'client_name')) as Array<{ id: number; number: string; client_name: string }>;
  return rows.map((r) => ({ id: r.id, number: r.number, clientName: r.client_name }));
}

/** Other people's cases the client took part in: on the thread, the sender of a message, or a letter's recipient. */
export async function casesNaming(db: Knex, address: string, except: ReadonlySet<number>): Promise<Array<{ id: number; number: string }>> {
  const ids = new Set<number>();
  const add = (rows: Array<{ case_id: number | null }>): void => rows.forEach((r) => r.case_id !== null && !except.has(r.case_id) && ids.add(r.case_id));
  add((await db('case_participants').where({ address }).select('case_id')) as Array<{ case_id: number }>);
  add((await db('messages').where({ from_address: address }).select('case_id')) as Array<{ case_id: number }>);
  add((await db('inbound').where({ sender: address }).whereNotNull('case_id').select('case_id')) as Array<{ case_id: number }>);
  add(((await lettersNaming(db, address).whereNotNull('case_id').select('case_id', 'envelope_to')) as Array<{ case_id: number; envelope_to: string }>)
    .filter((r) => namesAddress(r.envelope_to, address)));
  const found: Array<{ id: number; number: string }> = [];
  for (const chunk of chunks([...ids].sort((a, b) => a - b))) found.push(...((await db('cases').whereIn('id', chunk).orderBy('id').select('id', 'number')) as Array<{ id: number; number: string }>));
  return found;
}

/**
 * On one case: `whole` (the client's own case) empties every text on it; otherwise only what the
 * client wrote or was sent is emptied and their address and name are replaced elsewhere.
 */
export async function forgetOnCase(trx: Knex, caseId: number, s: Scrubber, whole: boolean, cancelReason: string): Promise<{ counts: ForgetCounts; copies: MailboxCopy[] }> {
  const counts = { ...NO_CHANGES };
  if (whole) {
    counts.cases = await trx('cases').where({ id: caseId }).update({ client_address: s.pseudonym, client_name: '', subject: FORGOTTEN, body: '', subject_key: '' });
  }
  const emptied = await forgetMessages(trx, caseId, s, whole, counts);
  counts.attachments = await emptyAttachments(trx, emptied);
  const ledger = trx('inbound').where({ case_id: caseId });
  if (!whole) ledger.where({ sender: s.address });
  const copies = await forgetLedgerRows(trx, (await ledger.select('id', 'mailbox', 'moved_to', 'message_key', 'reason', 'sender')) as LedgerRow[], s, counts);
  if (!whole) await scrubOthersRaw(trx, caseId, s, counts);
  await forgetLetters(trx, (await trx('outbox').where({ case_id: caseId }).select(...LETTER_COLUMNS)) as LetterRow[], s, whole, cancelReason, counts);
  counts.participants = await trx('case_participants').where({ case_id: caseId, address: s.address }).update({ address: s.pseudonym });
  counts.history = await scrubRows(trx, 'history', (await trx('history').where({ case_id: caseId }).select('id', 'actor', 'reason', 'details')) as TextRow[], ['actor', 'reason', 'details'], s);
  counts.decisions = await scrubRows(trx, 'decisions', (await trx('decisions').where({ case_id: caseId }).select('id', 'reasoning', 'return_reason')) as TextRow[], ['reasoning', 'return_reason'], s);
  counts.links = await scrubRows(trx, 'case_links', (await trx('case_links').where({ case_id: caseId }).orWhere({ linked_case_id: caseId }).select('id', 'reason')) as TextRow[], ['reason'], s);
  counts.alerts = await scrubRows(trx, 'alerts', (await trx('alerts').where({ case_id: caseId }).select('id', ...ALERT_TEXT)) as TextRow[], ALERT_TEXT, s);
  return { counts, copies };
}

/** What belongs to no case: ledger rows that never became one, letters, suppressions, system alerts. */
export async function forgetCaseless(trx: Knex, s: Scrubber, cancelReason: string): Promise<{ counts: ForgetCounts; copies: MailboxCopy[] }> {
  const counts = { ...NO_CHANGES };
  await fillMissingSenders(trx);
  // A message still waiting to be processed is left alone: it may yet become a case, and a run after it is processed finds it there.
  const ledger = (await trx('inbound').whereNull('case_id').where({ sender: s.address }).whereNot({ status: 'pending' }).select('id', 'mailbox', 'moved_to', 'message_key', 'reason', 'sender')) as LedgerRow[];
  const copies = await forgetLedgerRows(trx, ledger, s, counts);
  const letters = ((await lettersNaming(trx, s.address).whereNull('case_id').select(...LETTER_COLUMNS)) as LetterRow[])
    .filter((l) => namesAddress(l.envelope_to, s.address));
  await forgetLetters(trx, letters, s, true, cancelReason, counts);
  const suppressions = (await trx('suppressions').where({ address: s.address }).select('id', 'reason')) as TextRow[];
  for (const r of suppressions) await trx('suppressions').where({ id: r.id }).update({ address: s.pseudonym, reason: scrubText(String(r.reason), s) });
  counts.suppressions = suppressions.length;
  const alerts = (await trx('alerts').whereNull('case_id').where((w) => {
    for (const column of ALERT_TEXT) w.orWhereRaw(`lower(${column}) like ? escape '\\'`, [likeContaining(s.address)]);
  }).select('id', ...ALERT_TEXT)) as TextRow[];
  counts.alerts = await scrubRows(trx, 'alerts', alerts, ALERT_TEXT, s);
  return { counts, copies };
}

interface LedgerRow { id: number; mailbox: string; moved_to: string | null; message_key: string; reason: string | null; sender: string | null }
interface LetterRow { id: number; status: OutboxStatus; envelope_to: string; subject: string; last_error: string | null; smtp_response: string | null; bounce_reply: string | null }
type TextRow = { id: number } & Record<string, unknown>;

const LETTER_COLUMNS = ['id', 'status', 'envelope_to', 'subject', 'last_error', 'smtp_response', 'bounce_reply'];
const ALERT_TEXT = ['rule', 'reason', 'what_to_do', 'dedupe'];
const MESSAGE_TEXT = ['text', 'new_text', 'quote_text', 'signature_text'] as const;
const MESSAGE_IDS = ['dedupe_key', 'message_id', 'in_reply_to', 'references'] as const;

async function forgetMessages(trx: Knex, caseId: number, s: Scrubber, whole: boolean, counts: ForgetCounts): Promise<number[]> {
  const rows = (await trx('messages').where({ case_id: caseId }).select('id', 'from_address', 'to_addresses', 'cc_addresses', 'subject', ...MESSAGE_TEXT, ...MESSAGE_IDS)) as Array<Record<string, string | null> & { id: number }>;
  const emptied: number[] = [];
  for (const m of rows) {
    const theirs = whole || m.from_address === s.address;
    const change: Record<string, string | null> = {};
    for (const column of ['from_address', 'to_addresses', 'cc_addresses', ...MESSAGE_IDS]) change[column] = scrubNullable(m[column] ?? null, s);
    for (const column of ['subject', ...MESSAGE_TEXT]) {
      const value = m[column] ?? null;
      change[column] = theirs ? (value === null ? null : column === 'subject' ? FORGOTTEN : '') : scrubNullable(value, s);
    }
    if (Object.entries(change).every(([k, v]) => v === (m[k] ?? null))) continue;
    await trx('messages').where({ id: m.id }).update(change);
    counts.messages++;
    if (theirs) emptied.push(m.id);
  }
  return emptied;
}

async function emptyAttachments(trx: Knex, messageIds: number[]): Promise<number> {
  let n = 0;
  for (const chunk of chunks(messageIds)) {
    n += await trx('attachments').whereIn('message_id', chunk).whereNot({ safe_name: FORGOTTEN }).update({ content: null, safe_name: FORGOTTEN, sha256: '', dropped_reason: 'personal data forgotten' });
  }
  return n;
}

async function forgetLedgerRows(trx: Knex, rows: LedgerRow[], s: Scrubber, counts: ForgetCounts): Promise<MailboxCopy[]> {
  const copies: MailboxCopy[] = [];
  for (const r of rows) {
    // A key made from the content or the UID names no message a mail server could find again.
    if (!/^(sha256|uid):/.test(r.message_key)) copies.push({ folder: r.moved_to ?? r.mailbox, messageId: r.message_key });
    await trx('inbound').where({ id: r.id }).update({ raw: Buffer.alloc(0), sender: r.sender === null ? null : s.pseudonym, message_key: scrubText(r.message_key, s), reason: scrubNullable(r.reason, s) });
  }
  counts.rawMessages += rows.length;
  return copies;
}

/** Other people's messages on the case keep their bytes but for the client's address and name. */
async function scrubOthersRaw(trx: Knex, caseId: number, s: Scrubber, counts: ForgetCounts): Promise<void> {
  const rows = (await trx('inbound').where({ case_id: caseId }).select('id', 'raw')) as Array<{ id: number; raw: Buffer }>;
  for (const r of rows) {
    const scrubbed = scrubRaw(r.raw, s);
    if (scrubbed.equals(r.raw)) continue;
    await trx('inbound').where({ id: r.id }).update({ raw: scrubbed });
    counts.rawMessages++;
  }
}

async function forgetLetters(trx: Knex, rows: LetterRow[], s: Scrubber, whole: boolean, cancelReason: string, counts: ForgetCounts): Promise<void> {
  for (const l of rows) {
    if (!whole && !namesAddress(l.envelope_to, s.address)) continue;
    const unsent = isUnsentLetter(l.status);
    await trx('outbox').where({ id: l.id }).update({
      raw: Buffer.alloc(0), subject: FORGOTTEN, envelope_to: scrubText(l.envelope_to, s), smtp_response: scrubNullable(l.smtp_response, s), bounce_reply: scrubNullable(l.bounce_reply, s),
      ...(unsent ? { status: 'cancelled', last_error: cancelReason, claimed_by: null, claimed_until: null } : { last_error: scrubNullable(l.last_error, s) }),
    });
    if (unsent) counts.lettersCancelled++;
    else counts.lettersEmptied++;
  }
}

/** Replaces the address and names in the given text columns; returns how many rows changed. */
async function scrubRows(trx: Knex, table: string, rows: TextRow[], columns: readonly string[], s: Scrubber): Promise<number> {
  let n = 0;
  for (const r of rows) {
    const change: Record<string, string | null> = {};
    for (const c of columns) {
      const value = r[c] === null || r[c] === undefined ? null : String(r[c]);
      const scrubbed = scrubNullable(value, s);
      if (scrubbed !== value) change[c] = scrubbed;
    }
    if (Object.keys(change).length === 0) continue;
    await trx(table).where({ id: r.id }).update(change);
    n++;
  }
  return n;
}

/** Ledger rows from before the ledger kept senders get theirs from their headers, once. */
async function fillMissingSenders(trx: Knex): Promise<void> {
  for (;;) {
    const rows = (await trx('inbound').whereNull('sender').whereNull('case_id').orderBy('id').limit(CHUNK).select('id', 'raw')) as Array<{ id: number; raw: Buffer }>;
    if (rows.length === 0) return;
    // '' marks a row looked at without a sender, so it is not read again.
    for (const r of rows) await trx('inbound').where({ id: r.id }).update({ sender: senderAddressOf(r.raw) ?? '' });
  }
}

/** Letters whose envelope may name the address; callers check the list exactly (namesAddress). */
function lettersNaming(db: Knex, address: string): Knex.QueryBuilder {
  return db('outbox').whereRaw("lower(envelope_to) like ? escape '\\'", [likeContaining(address)]);
}

/** A LIKE pattern for a list containing the address; LIKE's own wildcards in it are escaped. */
function likeContaining(address: string): string {
  return `%${address.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

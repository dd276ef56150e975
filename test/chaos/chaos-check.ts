// After the storm: what every appended message became, read from the store AND from the mailboxes.
// A message is lost when it has no outcome, doubled when it has two; a letter is lost when its
// recipient never got it, doubled when the recipient has it twice (by Message-ID, or a second
// acknowledgement of one case under another Message-ID).
import type { Knex } from 'knex';
import type { ChaosMessage } from './mail-mix';
import { caseTagOf, countMessages, envelopes, postfixQueueId, queueIdsOf, type Received } from './mailboxes';

export interface Findings {
  lost: string[];
  duplicates: string[];
  wrong: string[];
  stuck: string[];
  /** Copies the mail server delivered twice from one hand-over: shown, not the daemon's fault. */
  serverRedeliveries: string[];
  figures: { cases: number; letters: number; acknowledgements: number; quarantined: number; followUps: number; automated: number; bounces: number; duplicatesRecorded: number; suppressed: number };
}

interface InboundRow { id: number; message_key: string; status: string; case_id: number | null; moved_to: string | null }
interface OutboxRow { id: number; case_id: number | null; kind: string; message_id: string; envelope_to: string; status: string }

export async function checkChaos(db: Knex, sent: readonly ChaosMessage[]): Promise<Findings> {
  const f: Findings = { lost: [], duplicates: [], wrong: [], stuck: [], serverRedeliveries: [], figures: { cases: 0, letters: 0, acknowledgements: 0, quarantined: 0, followUps: 0, automated: 0, bounces: 0, duplicatesRecorded: 0, suppressed: 0 } };
  const inbound = (await db('inbound').where({ mailbox: 'INBOX' }).select('id', 'message_key', 'status', 'case_id', 'moved_to')) as InboundRow[];
  const cases = (await db('cases').select('id', 'number', 'client_address')) as Array<{ id: number; number: string; client_address: string }>;
  const numberOf = new Map(cases.map((c) => [c.id, c.number]));
  const outbox = (await db('outbox').select('id', 'case_id', 'kind', 'message_id', 'envelope_to', 'status')) as OutboxRow[];
  checkMessages(f, sent, inbound, numberOf);
  checkCases(f, cases, await db('messages').where({ direction: 'in' }).select('case_id', 'message_id') as Array<{ case_id: number; message_id: string }>);
  // A case from anything but a new complaint (a journal copy, a redelivery) is a case too many.
  const complaints = new Set(sent.filter((m) => m.expected === 'registered').map((m) => m.key)).size;
  if (cases.length > complaints) f.duplicates.push(`${cases.length} cases from ${complaints} new complaints`);
  await checkLedger(f, db, inbound, outbox);
  await checkLetters(f, outbox, cases);
  const inComplaints = await countMessages('complaints', 'INBOX');
  if (inComplaints > 0) f.stuck.push(`${inComplaints} messages still in the complaints INBOX (not moved after processing)`);
  const quarantineFolder = await countMessages('complaints', 'Quarantine');
  if (quarantineFolder !== f.figures.quarantined) f.wrong.push(`Quarantine folder holds ${quarantineFolder} messages, the ledger ${f.figures.quarantined} quarantined`);
  return f;
}

/** Every appended message: exactly one outcome row (redeliveries add only duplicates), the expected one. */
function checkMessages(f: Findings, sent: readonly ChaosMessage[], inbound: InboundRow[], numberOf: Map<number, string>): void {
  const byKey = new Map<string, InboundRow[]>();
  for (const row of inbound) byKey.set(row.message_key, [...(byKey.get(row.message_key) ?? []), row]);
  for (const m of new Map(sent.map((s) => [s.key, s])).values()) {
    const rows = byKey.get(m.key) ?? [];
    if (rows.length === 0) {
      f.lost.push(`${m.label} ${m.key}: not in the ledger`);
      continue;
    }
    // A message the parser cannot read is quarantined on every delivery: dedupe needs its headers.
    let outcomes = rows.filter((r) => r.status !== 'duplicate');
    if (m.expected === 'quarantined' && outcomes.every((r) => r.status === 'quarantined')) outcomes = outcomes.slice(0, 1);
    if (outcomes.length === 0) f.lost.push(`${m.label} ${m.key}: only duplicates in the ledger`);
    if (outcomes.length > 1) f.duplicates.push(`${m.label} ${m.key}: ${outcomes.length} outcomes (${outcomes.map((r) => r.status).join(', ')})`);
    const outcome = outcomes[0];
    if (!outcome) continue;
    if (outcome.status === 'pending') f.stuck.push(`${m.label} ${m.key}: still pending`);
    else if (outcome.status !== m.expected) f.wrong.push(`${m.label} ${m.key}: ${outcome.status}, expected ${m.expected}`);
    else if (m.caseNumber && numberOf.get(outcome.case_id ?? -1) !== m.caseNumber) f.wrong.push(`${m.label} ${m.key}: on case ${numberOf.get(outcome.case_id ?? -1) ?? 'none'}, expected ${m.caseNumber}`);
  }
  for (const row of inbound) {
    if (row.status === 'quarantined') f.figures.quarantined++;
    if (row.status === 'follow_up') f.figures.followUps++;
    if (row.status === 'automated') f.figures.automated++;
    if (row.status === 'bounce') f.figures.bounces++;
    if (row.status === 'duplicate') f.figures.duplicatesRecorded++;
  }
}

/** No message registered as two cases; every case came from a message. */
function checkCases(f: Findings, cases: Array<{ id: number; number: string }>, incoming: Array<{ case_id: number; message_id: string }>): void {
  f.figures.cases = cases.length;
  const casesOf = new Map<string, Set<number>>();
  for (const m of incoming) if (m.message_id) casesOf.set(m.message_id, (casesOf.get(m.message_id) ?? new Set()).add(m.case_id));
  for (const [id, set] of casesOf) if (set.size > 1) f.duplicates.push(`message ${id} is on ${set.size} cases`);
}

async function checkLedger(f: Findings, db: Knex, inbound: InboundRow[], outbox: OutboxRow[]): Promise<void> {
  const pending = inbound.filter((r) => r.status === 'pending').length;
  if (pending > 0) f.stuck.push(`${pending} ledger rows pending`);
  const unmoved = inbound.filter((r) => r.status !== 'pending' && r.moved_to === null).length;
  if (unmoved > 0) f.stuck.push(`${unmoved} ledger rows processed but never moved out of INBOX`);
  for (const status of ['queued', 'sending', 'retry_wait']) {
    const n = outbox.filter((r) => r.status === status).length;
    if (n > 0) f.stuck.push(`${n} letters ${status} in the outbox`);
  }
  for (const r of outbox.filter((o) => o.status === 'failed')) f.lost.push(`letter #${r.id} (${r.kind}) failed`);
  // The server delivering one letter's journal copy twice means it accepted the letter twice.
  const copies = new Map<string, number>();
  for (const r of inbound.filter((i) => i.status === 'own_copy')) copies.set(r.message_key, (copies.get(r.message_key) ?? 0) + 1);
  for (const [id, n] of copies) {
    if (n < 2) continue;
    const raws = (await db('inbound').where({ message_key: id, status: 'own_copy' }).select('raw')) as Array<{ raw: Buffer }>;
    const handOvers = new Set(raws.map((r) => postfixQueueId(headersOf(r.raw)) ?? 'unknown'));
    if (handOvers.size > 1) f.duplicates.push(`letter ${id}: the server took it ${handOvers.size} times (journal copies)`);
    else f.serverRedeliveries.push(`letter ${id}: one hand-over, its journal copy delivered ${n} times`);
  }
}

/** Every letter the outbox says went out is in its recipient's INBOX exactly once. */
async function checkLetters(f: Findings, outbox: OutboxRow[], cases: Array<{ id: number; number: string; client_address: string }>): Promise<void> {
  const boxes = new Map<string, Received[]>();
  const inbox = async (addr: string): Promise<Received[]> => {
    let found = boxes.get(addr);
    if (!found) {
      found = await envelopes(addr, 'INBOX');
      boxes.set(addr, found);
    }
    return found;
  };
  f.figures.suppressed = outbox.filter((r) => r.status === 'suppressed').length;
  for (const letter of outbox.filter((r) => r.status === 'sent' || r.status === 'bounced')) {
    f.figures.letters++;
    for (const to of letter.envelope_to.split(',').filter((a) => a.endsWith('@example.test'))) {
      const n = (await inbox(to)).filter((m) => m.messageId === letter.message_id).length;
      if (n === 0) f.lost.push(`letter #${letter.id} (${letter.kind}) to ${to}: not in the INBOX`);
      if (n > 1) {
        const handOvers = new Set(await queueIdsOf(to, letter.message_id));
        if (handOvers.size > 1) f.duplicates.push(`letter #${letter.id} (${letter.kind}) to ${to}: sent ${handOvers.size} times, ${n} copies in the INBOX`);
        else f.serverRedeliveries.push(`letter #${letter.id} (${letter.kind}) to ${to}: sent once, delivered ${n} times by the server`);
      }
    }
  }
  // From the client's side: one acknowledgement per case, whatever its Message-ID.
  const acks = outbox.filter((r) => r.kind === 'acknowledgement');
  const known = new Set(outbox.map((r) => r.message_id));
  for (const kase of cases) {
    const queued = acks.filter((a) => a.case_id === kase.id);
    if (queued.length !== 1) f.wrong.push(`case ${kase.number}: ${queued.length} acknowledgements queued`);
    const got = (await inbox(kase.client_address)).filter((m) => caseTagOf(m.subject) === kase.number && !m.subject.startsWith('Re:'));
    const ackIds = new Set(queued.map((a) => a.message_id));
    // A letter with this case's tag that the outbox does not know would be an acknowledgement made twice.
    // Distinct Message-IDs: copies of one letter are judged above, by how often it was handed over.
    const acksGot = [...new Set(got.filter((m) => ackIds.has(m.messageId) || !known.has(m.messageId)).map((m) => m.messageId))];
    if (queued[0]?.status === 'suppressed') continue;
    if (acksGot.length === 0) f.lost.push(`case ${kase.number}: no acknowledgement in ${kase.client_address}'s INBOX`);
    if (acksGot.length > 1) f.duplicates.push(`case ${kase.number}: ${acksGot.length} acknowledgements in ${kase.client_address}'s INBOX`);
    f.figures.acknowledgements += Math.min(acksGot.length, 1);
  }
}

function headersOf(raw: Buffer): string {
  const text = raw.toString('latin1');
  const end = text.search(/\r?\n\r?\n/);
  return end === -1 ? text : text.slice(0, end);
}

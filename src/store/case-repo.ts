// Cases and their gap-free per-year numbers. Numbers are taken inside the registering transaction,
// so a rolled-back registration gives its number back and two registrations never share one.
import type { Knex } from 'knex';
import type { CaseStatus } from '../cases/case-state';
import { FORGOTTEN } from '../privacy/scrub';

/** Statuses in which a case is still being worked on: threading's fallback only joins these. */
export const OPEN_STATUSES: readonly CaseStatus[] = ['new', 'in_progress', 'awaiting_info', 'awaiting_approval', 'reopened'];

export interface NewCase {
  number: string;
  status: CaseStatus;
  clientAddress: string;
  clientName: string;
  subject: string;
  body: string;
  language: string | null;
  locale: string;
  category: string | null;
  categorySource: string | null;
  categoryConfidence: number | null;
  needsReview: boolean;
  department: string | null;
  priority: string | null;
  receivedAt: string;
  subjectKey: string;
  assignee: string | null;
  /** The term the case got (category or rule); the deadline is computed from it. */
  deadlineDays: number;
  deadlineUnit: 'calendar' | 'working';
  deadlineAt: string | null;
}

export interface CaseRow extends NewCase {
  id: number;
  categoryConfirmed: boolean;
  lastMessageAt: string | null;
  decidedAt: string | null;
  closedAt: string | null;
  mergedInto: number | null;
  deadlineOverrideAt: string | null;
  deadlineOverrideSetAt: string | null;
  createdAt: string;
  updatedAt: string;
}

interface DbCase {
  id: number;
  number: string;
  status: CaseStatus;
  client_address: string;
  client_name: string;
  subject: string;
  body: string;
  language: string | null;
  locale: string;
  category: string | null;
  category_source: string | null;
  category_confidence: number | null;
  category_confirmed: number | boolean;
  needs_review: number | boolean;
  department: string | null;
  priority: string | null;
  received_at: string;
  subject_key: string | null;
  last_message_at: string | null;
  decided_at: string | null;
  closed_at: string | null;
  assignee: string | null;
  merged_into: number | null;
  deadline_days: number | null;
  deadline_unit: string | null;
  deadline_at: string | null;
  deadline_override_at: string | null;
  deadline_override_set_at: string | null;
  created_at: string;
  updated_at: string;
}

function fromDb(r: DbCase): CaseRow {
  return {
    id: r.id,
    number: r.number,
    status: r.status,
    clientAddress: r.client_address,
    clientName: r.client_name,
    subject: r.subject,
    body: r.body,
    language: r.language,
    locale: r.locale,
    category: r.category,
    categorySource: r.category_source,
    categoryConfidence: r.category_confidence,
    categoryConfirmed: Boolean(r.category_confirmed),
    needsReview: Boolean(r.needs_review),
    department: r.department,
    priority: r.priority,
    receivedAt: r.received_at,
    subjectKey: r.subject_key ?? '',
    lastMessageAt: r.last_message_at,
    decidedAt: r.decided_at,
    closedAt: r.closed_at,
    assignee: r.assignee,
    mergedInto: r.merged_into,
    deadlineDays: r.deadline_days ?? 30,
    deadlineUnit: r.deadline_unit === 'working' ? 'working' : 'calendar',
    deadlineAt: r.deadline_at,
    deadlineOverrideAt: r.deadline_override_at,
    deadlineOverrideSetAt: r.deadline_override_set_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** The next sequence value for the year; atomic on SQLite and PostgreSQL alike (upsert ... returning). */
export async function nextSequence(trx: Knex, year: number): Promise<number> {
  const rows = (await trx('case_sequence')
    .insert({ year, last_seq: 1 })
    .onConflict('year')
    .merge({ last_seq: trx.raw('?? + 1', ['case_sequence.last_seq']) })
    .returning('last_seq')) as Array<{ last_seq: number }>;
  const seq = rows[0]?.last_seq;
  if (seq === undefined) throw new Error('case sequence did not return a value');
  return Number(seq);
}

export async function insertCase(trx: Knex, c: NewCase, at: string): Promise<CaseRow> {
  const [row] = (await trx('cases')
    .insert({
      number: c.number,
      status: c.status,
      client_address: c.clientAddress,
      client_name: c.clientName,
      subject: c.subject,
      body: c.body,
      language: c.language,
      locale: c.locale,
      category: c.category,
      category_source: c.categorySource,
      category_confidence: c.categoryConfidence,
      needs_review: c.needsReview,
      department: c.department,
      priority: c.priority,
      received_at: c.receivedAt,
      subject_key: c.subjectKey,
      assignee: c.assignee,
      deadline_days: c.deadlineDays,
      deadline_unit: c.deadlineUnit,
      deadline_at: c.deadlineAt,
      last_message_at: at,
      created_at: at,
      updated_at: at,
    })
    .returning('*')) as DbCase[];
  if (!row) throw new Error('case insert returned nothing');
  return fromDb(row);
}

/**
 * Holds the case row until the transaction ends, so a transaction that reads a case and then changes
 * it sees the last committed change and none can slip in between: on PostgreSQL the processor, the
 * scheduler and a staff command really run at once. (SQLite has one writer; there it is a no-op.)
 * FOR NO KEY UPDATE, not FOR UPDATE: it still keeps out every other change of the case, but not the
 * rows that only point at it (a history line, a letter), so the sender recording a sent letter
 * does not wait for a processor group that holds the case, nor deadlock with it.
 */
export async function lockCase(trx: Knex, where: { id: number } | { number: string }): Promise<void> {
  await trx('cases').where(where).forNoKeyUpdate().first('id');
}

export async function findCaseByNumber(db: Knex, number: string): Promise<CaseRow | null> {
  const row = (await db('cases').where({ number }).first()) as DbCase | undefined;
  return row ? fromDb(row) : null;
}

export async function findCasesByNumbers(db: Knex, numbers: string[]): Promise<CaseRow[]> {
  if (numbers.length === 0) return [];
  return ((await db('cases').whereIn('number', numbers)) as DbCase[]).map(fromDb);
}

export async function findCaseById(db: Knex, id: number): Promise<CaseRow | null> {
  const row = (await db('cases').where({ id }).first()) as DbCase | undefined;
  return row ? fromDb(row) : null;
}

export async function listCases(db: Knex, filter: { status?: string; limit: number }): Promise<CaseRow[]> {
  const q = db('cases').orderBy('id', 'asc').limit(filter.limit);
  if (filter.status) q.where({ status: filter.status });
  return ((await q) as DbCase[]).map(fromDb);
}

/** How many cases `listCases` would find without its limit. */
export async function countCases(db: Knex, filter: { status?: string }): Promise<number> {
  const q = db('cases').count({ n: '*' });
  if (filter.status) q.where({ status: filter.status });
  const row = (await q.first()) as { n: number | string } | undefined;
  return Number(row?.n ?? 0);
}

/** A message arrived on the case or left it: the fallback and reopen windows count from here. */
export async function touchCase(trx: Knex, id: number, at: string): Promise<void> {
  await trx('cases').where({ id }).update({ last_message_at: at, updated_at: at });
}

/** Moves a case to another status; deciding and closing stamp their time, reopening clears them. */
export async function setCaseStatus(trx: Knex, id: number, status: CaseStatus, at: string): Promise<void> {
  const stamps: Partial<Pick<DbCase, 'decided_at' | 'closed_at'>> = {};
  if (status === 'decided') stamps.decided_at = at;
  if (status === 'closed') stamps.closed_at = at;
  if (status === 'reopened') Object.assign(stamps, { decided_at: null, closed_at: null });
  await trx('cases').where({ id }).update({ status, ...stamps, updated_at: at });
}

export interface CaseChanges {
  assignee?: string | null;
  priority?: string;
  department?: string | null;
  deadlineAt?: string | null;
  deadlineOverride?: { at: string; setAt: string };
  mergedInto?: number;
}

/** Staff's changes to a case (assignee, priority, department, deadline, merge), in the caller's transaction. */
export async function updateCase(trx: Knex, id: number, c: CaseChanges, at: string): Promise<void> {
  const row: Record<string, unknown> = { updated_at: at };
  if (c.assignee !== undefined) row.assignee = c.assignee;
  if (c.priority !== undefined) row.priority = c.priority;
  if (c.department !== undefined) row.department = c.department;
  if (c.deadlineAt !== undefined) row.deadline_at = c.deadlineAt;
  if (c.deadlineOverride) Object.assign(row, { deadline_override_at: c.deadlineOverride.at, deadline_override_set_at: c.deadlineOverride.setAt });
  if (c.mergedInto !== undefined) row.merged_into = c.mergedInto;
  await trx('cases').where({ id }).update(row);
}

/** Open cases per assignee, for the least-open routing policy. */
export async function openCasesByAssignee(db: Knex, addresses: readonly string[]): Promise<Map<string, number>> {
  if (addresses.length === 0) return new Map();
  const rows = (await db('cases').whereIn('assignee', [...addresses]).whereIn('status', [...OPEN_STATUSES]).groupBy('assignee').select('assignee').count({ n: '*' })) as Array<{ assignee: string; n: number | string }>;
  return new Map(rows.map((r) => [r.assignee, Number(r.n)]));
}

/** Who the department's latest assigned case went to, for the round-robin policy. */
export async function lastAssigneeIn(db: Knex, department: string): Promise<string | null> {
  const row = (await db('cases').where({ department }).whereNotNull('assignee').orderBy('id', 'desc').first('assignee')) as { assignee: string } | undefined;
  return row?.assignee ?? null;
}

/** Open cases of this client whose normalised subject is `subjectKey`, newest activity first. */
export async function openCasesBySubject(db: Knex, clientAddress: string, subjectKey: string, limit = 5): Promise<CaseRow[]> {
  if (subjectKey === '') return [];
  const rows = (await db('cases')
    .where({ client_address: clientAddress, subject_key: subjectKey })
    .whereIn('status', [...OPEN_STATUSES])
    .orderBy('last_message_at', 'desc')
    .limit(limit)) as DbCase[];
  return rows.map(fromDb);
}

/** Staff's decision on a case's cause: it becomes a confirmed label and clears "needs review". */
export async function confirmCategory(trx: Knex, id: number, change: { category: string; department: string | null }, at: string): Promise<void> {
  await trx('cases').where({ id }).update({
    category: change.category,
    category_source: 'staff',
    category_confidence: 1,
    category_confirmed: true,
    needs_review: false,
    department: change.department,
    updated_at: at,
  });
}

/** Labelled texts for the classifier: cases whose category staff confirmed or corrected. */
export async function confirmedCategories(db: Knex): Promise<Array<{ caseId: number; text: string; label: string }>> {
  // A forgotten client's case has no words left to learn from: it would teach "[forgotten]".
  const rows = (await db('cases').where({ category_confirmed: true }).whereNotNull('category').whereNot({ subject: FORGOTTEN }).orderBy('id').select('id', 'subject', 'body', 'category')) as Array<{ id: number; subject: string; body: string; category: string }>;
  return rows.map((r) => ({ caseId: r.id, text: `${r.subject}\n${r.body}`, label: r.category }));
}

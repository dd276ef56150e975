// Cases and their gap-free per-year numbers. Numbers are taken inside the registering transaction,
// so a rolled-back registration gives its number back and two registrations never share one.
import type { Knex } from 'knex';

export type CaseStatus = 'new' | 'in_progress' | 'awaiting_client' | 'decided' | 'closed';

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
}

export interface CaseRow extends NewCase {
  id: number;
  categoryConfirmed: boolean;
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
      created_at: at,
      updated_at: at,
    })
    .returning('*')) as DbCase[];
  if (!row) throw new Error('case insert returned nothing');
  return fromDb(row);
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

export async function touchCase(trx: Knex, id: number, at: string, changes: Partial<Pick<DbCase, 'status'>> = {}): Promise<void> {
  await trx('cases').where({ id }).update({ ...changes, updated_at: at });
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
  const rows = (await db('cases').where({ category_confirmed: true }).whereNotNull('category').orderBy('id').select('id', 'subject', 'body', 'category')) as Array<{ id: number; subject: string; body: string; category: string }>;
  return rows.map((r) => ({ caseId: r.id, text: `${r.subject}\n${r.body}`, label: r.category }));
}

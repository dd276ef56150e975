// Alerts raised, each at most once: the dedupe key is unique, so a second detection of the same
// situation (a restart, a second pass) finds it already told.
import type { Knex } from 'knex';

export interface NewAlert {
  kind: string;
  caseId: number | null;
  rule: string;
  reason: string;
  whatToDo: string;
  dedupe: string;
  recipients: string[];
}

/** Records the alert; false when the same situation was already alerted. */
export async function recordAlert(trx: Knex, a: NewAlert, at: string): Promise<boolean> {
  const inserted = (await trx('alerts')
    .insert({ kind: a.kind, case_id: a.caseId, rule: a.rule, reason: a.reason, what_to_do: a.whatToDo, dedupe: a.dedupe, recipients: a.recipients.join(','), created_at: at })
    .onConflict('dedupe')
    .ignore()
    .returning('id')) as Array<{ id: number }>;
  return inserted.length > 0;
}

export async function alertsOf(db: Knex, filter: { caseId?: number; kind?: string; limit: number }): Promise<Array<{ id: number; kind: string; caseId: number | null; rule: string; reason: string; createdAt: string }>> {
  const q = db('alerts').orderBy('id', 'desc').limit(filter.limit);
  if (filter.caseId !== undefined) q.where({ case_id: filter.caseId });
  if (filter.kind) q.where({ kind: filter.kind });
  const rows = (await q) as Array<{ id: number; kind: string; case_id: number | null; rule: string; reason: string; created_at: string }>;
  return rows.map((r) => ({ id: r.id, kind: r.kind, caseId: r.case_id, rule: r.rule, reason: r.reason, createdAt: r.created_at }));
}

/** How many alerts `alertsOf` would find without its limit. */
export async function countAlerts(db: Knex, filter: { kind?: string }): Promise<number> {
  const q = db('alerts').count({ n: '*' });
  if (filter.kind) q.where({ kind: filter.kind });
  const row = (await q.first()) as { n: number | string } | undefined;
  return Number(row?.n ?? 0);
}

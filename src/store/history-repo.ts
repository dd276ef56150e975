// The case history: every step the daemon (or a person) took on a case, with the reason, so staff
// can see why the daemon did what it did.
import type { Knex } from 'knex';

export interface HistoryEntry {
  event: string;
  actor: string;
  reason: string;
  details?: Record<string, unknown>;
}

export interface HistoryRow extends HistoryEntry {
  id: number;
  at: string;
}

export async function addHistory(trx: Knex, caseId: number, at: string, entry: HistoryEntry): Promise<void> {
  await trx('history').insert({
    case_id: caseId,
    at,
    event: entry.event,
    actor: entry.actor,
    reason: entry.reason,
    details: entry.details ? JSON.stringify(entry.details) : null,
  });
}

export async function historyOfCase(db: Knex, caseId: number): Promise<HistoryRow[]> {
  const rows = (await db('history').where({ case_id: caseId }).orderBy('id')) as Array<{ id: number; at: string; event: string; actor: string; reason: string; details: string | null }>;
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    event: r.event,
    actor: r.actor,
    reason: r.reason,
    ...(r.details ? { details: JSON.parse(r.details) as Record<string, unknown> } : {}),
  }));
}

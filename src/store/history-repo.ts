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
  await addHistoryLines(trx, at, [{ caseId, ...entry }]);
}

/** Several lines, in this order, in one statement (a registration writes four or five at once). */
export async function addHistoryLines(trx: Knex, at: string, lines: ReadonlyArray<HistoryEntry & { caseId: number }>): Promise<void> {
  if (lines.length === 0) return;
  await trx('history').insert(lines.map((line) => ({
    case_id: line.caseId,
    at,
    event: line.event,
    actor: line.actor,
    reason: line.reason,
    details: line.details ? JSON.stringify(line.details) : null,
  })));
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

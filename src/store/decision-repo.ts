// Decisions on cases: the outcome, its reasoning and who decided; one that needs approval waits here
// until a supervisor approves (the letter leaves then) or returns it (with the reason).
import type { Knex } from 'knex';
import type { DecisionOutcome } from '../cases/decision-outcome';

export type DecisionState = 'awaiting_approval' | 'issued' | 'returned';

export interface DecisionRow {
  id: number;
  caseId: number;
  outcome: DecisionOutcome;
  reasoning: string;
  decidedBy: string;
  state: DecisionState;
  createdAt: string;
}

interface DbDecision {
  id: number;
  case_id: number;
  outcome: DecisionOutcome;
  reasoning: string;
  decided_by: string;
  state: DecisionState;
  created_at: string;
}

const fromDb = (r: DbDecision): DecisionRow => ({ id: r.id, caseId: r.case_id, outcome: r.outcome, reasoning: r.reasoning, decidedBy: r.decided_by, state: r.state, createdAt: r.created_at });

export async function insertDecision(trx: Knex, d: { caseId: number; outcome: DecisionOutcome; reasoning: string; decidedBy: string; state: DecisionState }, at: string): Promise<DecisionRow> {
  const [row] = (await trx('decisions').insert({ case_id: d.caseId, outcome: d.outcome, reasoning: d.reasoning, decided_by: d.decidedBy, state: d.state, created_at: at }).returning('*')) as DbDecision[];
  if (!row) throw new Error('decision insert returned nothing');
  return fromDb(row);
}

/** The decision of the case that waits for approval, if any. */
export async function pendingDecision(db: Knex, caseId: number): Promise<DecisionRow | null> {
  const row = (await db('decisions').where({ case_id: caseId, state: 'awaiting_approval' }).orderBy('id', 'desc').first()) as DbDecision | undefined;
  return row ? fromDb(row) : null;
}

export async function resolveDecision(trx: Knex, id: number, r: { state: 'issued' | 'returned'; by: string; returnReason?: string; letterOutboxId?: number }, at: string): Promise<void> {
  await trx('decisions').where({ id }).update({ state: r.state, resolved_by: r.by, return_reason: r.returnReason ?? null, letter_outbox_id: r.letterOutboxId ?? null, resolved_at: at });
}

// The times a case waited for the client (awaiting_info): its deadline stands still meanwhile, so
// the waits are kept and the deadline is counted again from them whenever it is shown or planned.
import type { Knex } from 'knex';
import type { PauseInterval } from '../deadlines/deadline';

export async function startPause(trx: Knex, caseId: number, at: string): Promise<void> {
  const open = await trx('case_pauses').where({ case_id: caseId }).whereNull('ended_at').first('id');
  if (!open) await trx('case_pauses').insert({ case_id: caseId, started_at: at });
}

export async function endPause(trx: Knex, caseId: number, at: string): Promise<void> {
  await trx('case_pauses').where({ case_id: caseId }).whereNull('ended_at').update({ ended_at: at });
}

export async function pausesOf(db: Knex, caseId: number): Promise<PauseInterval[]> {
  const rows = (await db('case_pauses').where({ case_id: caseId }).orderBy('id')) as Array<{ started_at: string; ended_at: string | null }>;
  return rows.map((r) => ({ start: new Date(r.started_at), end: r.ended_at ? new Date(r.ended_at) : null }));
}

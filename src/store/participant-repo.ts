// Everyone who was on a case's thread: From/To/Cc of its letters, minus our own addresses. A subject
// tag is trusted from these people only, so a stranger cannot write onto someone else's case.
import type { Knex } from 'knex';

export async function addParticipants(trx: Knex, caseId: number, addresses: readonly string[], at: string): Promise<void> {
  const unique = [...new Set(addresses.map((a) => a.toLowerCase()))];
  if (unique.length === 0) return;
  await trx('case_participants')
    .insert(unique.map((address) => ({ case_id: caseId, address, first_seen_at: at })))
    .onConflict(['case_id', 'address'])
    .ignore();
}

export async function participantsOf(db: Knex, caseIds: readonly number[]): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>();
  if (caseIds.length === 0) return out;
  const rows = (await db('case_participants').whereIn('case_id', [...caseIds]).orderBy('first_seen_at')) as Array<{ case_id: number; address: string }>;
  for (const r of rows) out.set(r.case_id, [...(out.get(r.case_id) ?? []), r.address]);
  return out;
}

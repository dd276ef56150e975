// What the retention job removes once it is old enough: the raw bytes of processed messages and of
// finished letters, and the texts and attachments of cases long closed. Each purge works through
// the rows in chunks (IN lists stay short on both backends) inside the caller's transaction, and
// only picks rows not purged yet, so a run after an interrupted one does the rest.
import type { Knex } from 'knex';

const CHUNK = 500;
// A quarantined message is kept whole until someone deals with it: it is the only copy.
const PROCESSED = ['registered', 'follow_up', 'automated', 'bounce', 'duplicate', 'own_copy'];
const FINISHED_LETTERS = ['sent', 'failed', 'bounced', 'suppressed', 'cancelled'];
const CLOSED = ['closed', 'merged'];

export interface RawPurge {
  messages: number;
  letters: number;
}

/** Empties the raw bytes of messages processed, and letters created, before `before`. */
export async function purgeRawBefore(trx: Knex, before: string): Promise<RawPurge> {
  const messages = await emptyInChunks(trx, 'inbound', (q) => q.whereIn('status', PROCESSED).where('processed_at', '<', before));
  const letters = await emptyInChunks(trx, 'outbox', (q) => q.whereIn('status', FINISHED_LETTERS).where('created_at', '<', before));
  return { messages, letters };
}

async function emptyInChunks(trx: Knex, table: 'inbound' | 'outbox', where: (q: Knex.QueryBuilder) => Knex.QueryBuilder): Promise<number> {
  let n = 0;
  for (;;) {
    const ids = ((await where(trx(table)).whereRaw('length(raw) > 0').orderBy('id').limit(CHUNK).select('id')) as Array<{ id: number }>).map((r) => r.id);
    if (ids.length === 0) return n;
    n += await trx(table).whereIn('id', ids).update({ raw: Buffer.alloc(0) });
  }
}

export interface BodyPurge {
  caseId: number;
  messages: number;
  attachments: number;
}

/** Cases closed or merged and untouched since before `before` whose texts are still there. */
export async function casesDueForBodyPurge(db: Knex, before: string, limit: number): Promise<number[]> {
  const rows = (await db('cases').whereIn('status', CLOSED).where('updated_at', '<', before).whereNull('bodies_purged_at').orderBy('id').limit(limit).select('id')) as Array<{ id: number }>;
  return rows.map((r) => r.id);
}

/** Takes the texts and attachments off these cases (at most 500), keeping everything else. */
export async function purgeBodies(trx: Knex, caseIds: readonly number[], at: string): Promise<BodyPurge[]> {
  if (caseIds.length > CHUNK) throw new Error(`purgeBodies takes at most ${CHUNK} cases at a time`);
  const out: BodyPurge[] = [];
  for (const caseId of caseIds) {
    const messageIds = trx('messages').where({ case_id: caseId }).select('id');
    const attachments = await trx('attachments').whereIn('message_id', messageIds).whereNotNull('content').update({ content: null, dropped_reason: 'removed by retention' });
    const messages = await trx('messages').where({ case_id: caseId }).update({
      text: '', new_text: trx.raw('case when new_text is null then null else ? end', ['']), quote_text: trx.raw('case when quote_text is null then null else ? end', ['']),
      signature_text: trx.raw('case when signature_text is null then null else ? end', ['']),
    });
    await trx('cases').where({ id: caseId }).update({ body: '', bodies_purged_at: at });
    out.push({ caseId, messages, attachments });
  }
  return out;
}

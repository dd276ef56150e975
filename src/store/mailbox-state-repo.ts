// The per-mailbox watermark: UIDVALIDITY (as text) and the last UID written to the ledger.
import type { Knex } from 'knex';

export interface Watermark {
  uidvalidity: string;
  lastUid: number;
}

export async function getWatermark(db: Knex, mailbox: string): Promise<Watermark | null> {
  const row = (await db('mailbox_state').where({ mailbox }).first()) as { uidvalidity: string; last_uid: number | string } | undefined;
  return row ? { uidvalidity: String(row.uidvalidity), lastUid: Number(row.last_uid) } : null;
}

export async function setWatermark(db: Knex, mailbox: string, mark: Watermark, at: string): Promise<void> {
  await db('mailbox_state')
    .insert({ mailbox, uidvalidity: mark.uidvalidity, last_uid: mark.lastUid, updated_at: at })
    .onConflict('mailbox')
    .merge(['uidvalidity', 'last_uid', 'updated_at']);
}

// Secrets the daemon makes for itself when the admin configured none (the reply-token key): made
// once, kept in the store, so tokens stay valid across restarts.
import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';

export async function storedSecret(db: Knex, name: string, at: string): Promise<string> {
  const found = (await db('secrets').where({ name }).first('value')) as { value: string } | undefined;
  if (found) return found.value;
  await db('secrets').insert({ name, value: randomBytes(32).toString('base64url'), created_at: at }).onConflict('name').ignore();
  const row = (await db('secrets').where({ name }).first('value')) as { value: string } | undefined;
  if (!row) throw new Error(`secret ${name} could not be stored`);
  return row.value;
}

/** The secret when it exists, without making one: for commands that must not write. */
export async function readSecret(db: Knex, name: string): Promise<string | null> {
  const found = (await db('secrets').where({ name }).first('value')) as { value: string } | undefined;
  return found?.value ?? null;
}

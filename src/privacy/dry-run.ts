// A dry run does the real work in a transaction and rolls it back: what it reports is exactly what a
// run would change, from the same code, and nothing is left behind.
import type { Knex } from 'knex';

class RolledBack<T> extends Error {
  constructor(readonly result: T) {
    super('dry run: rolled back');
  }
}

export async function inTransaction<T>(db: Knex, dryRun: boolean, fn: (trx: Knex) => Promise<T>): Promise<T> {
  try {
    return await db.transaction(async (trx) => {
      const result = await fn(trx);
      if (dryRun) throw new RolledBack(result);
      return result;
    });
  } catch (err) {
    if (err instanceof RolledBack) return err.result as T;
    throw err;
  }
}

// `complaintd explain FILE... [--json] [--text]`: what the daemon would do with each message and why,
// with no side effects. The store is read when it exists, so threading is shown against real cases;
// nothing is written and nothing is sent. Admins test a rule or a quoting pattern with it.
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { Knex } from 'knex';
import type { AppConfig } from '../config/schema';
import { describeStore, openExistingStore, openStore, migrateLatest } from '../store/db';
import { loadParts, pipelineDeps, existingTokenSecret } from '../pipeline-deps';
import { createLogger } from '../log/logger';
import { explainMessage, explainText, type Explanation } from './explain-message';
import { formatExplanation } from './format-explanation';

export function registerExplainCommand(program: Command, loadConfig: () => AppConfig): void {
  program
    .command('explain <files...>')
    .description('show what the daemon would do with each message, and why; nothing is written or sent')
    .option('--json', 'one JSON object per file, each on its own line')
    .option('--text', 'each file is a bare text body, not a whole message')
    .action(async (files: string[], opts: { json?: boolean; text?: boolean }) => {
      const config = loadConfig();
      const { db, note } = await storeToRead(config);
      try {
        const parts = await loadParts(config);
        // Without a key nobody was ever sent a token, so none can be valid: any key shows that.
        const secret = (await existingTokenSecret(config, db)) ?? 'no-secret-yet';
        const log = createLogger({ level: 'error', format: 'json', maskPersonalData: true });
        const deps = pipelineDeps(config, parts, { db, log, clock: () => new Date(), secret });
        if (note && !opts.json) process.stderr.write(`${note}\n`);
        for (const file of files) {
          const raw = await readFile(file);
          const e: Explanation = opts.text ? explainText(deps, file, raw.toString('utf8')) : await explainMessage(db, deps, file, raw, new Date());
          process.stdout.write(opts.json ? `${JSON.stringify(e)}\n` : `${formatExplanation(e)}\n`);
        }
        await deps.parser.close();
        await log.close();
      } finally {
        await db.destroy();
      }
    });
}

/** The real store when it is there and current; otherwise an empty one in memory, and a note saying so. */
async function storeToRead(config: AppConfig): Promise<{ db: Knex; note: string | null }> {
  const existing = await openExistingStore(config.store);
  if (existing && existing.pending.length === 0) return { db: existing.db, note: null };
  if (existing) await existing.db.destroy();
  const db = openStore({ client: 'sqlite3', filename: ':memory:' });
  await migrateLatest(db);
  const note = existing
    ? `note: the store at ${describeStore(config.store)} needs migrations (${existing.pending.join(', ')}); threading is shown against an empty store. Run complaintd migrate.`
    : `note: no store at ${describeStore(config.store)} yet; threading is shown against an empty store.`;
  return { db, note };
}

// Cost per message as cases accumulate: the store is seeded directly with 1,000, then 10,000, then
// 100,000 cases (each with its complaint message and its client as participant, a tenth of them from
// the bench's own clients so threading has real candidates), and after each level the same mix of
// new complaints and follow-ups is processed in this process, timed. Seeding through the pipeline
// would take longer than the measurement is worth; the rows are the ones registration writes.
import { PassThrough } from 'node:stream';
import { performance } from 'node:perf_hooks';
import type { Knex } from 'knex';
import { loadConfig } from '../../src/config/load';
import { createLogger } from '../../src/log/logger';
import { loadParts, pipelineDeps } from '../../src/pipeline-deps';
import { processPending } from '../../src/process-pending';
import { recordFetched } from '../../src/store/inbound-repo';
import { subjectKey } from '../../src/cases/subject-key';
import { testDeploymentEnv } from '../../test/support/test-config';
import { benchLetters, CLIENTS } from './e2e-corpus';
import { round } from './e2e-throughput';

export interface ScalingPoint {
  existing_cases: number;
  messages: number;
  ms_per_message: number;
}

async function seedCases(db: Knex, from: number, to: number): Promise<void> {
  const at = new Date(Date.now() - 30 * 86_400_000).toISOString();
  const year = new Date().getUTCFullYear();
  for (let start = from; start < to; start += 2000) {
    const ids = Array.from({ length: Math.min(2000, to - start) }, (_, k) => start + k + 1);
    await db.transaction(async (trx) => {
      const client = (i: number): string => (i % 10 === 0 ? (CLIENTS[i % CLIENTS.length] as string) : `seed${i}@example.org`);
      const subject = (i: number): string => `Претензия по заказу S${i}`;
      await trx.batchInsert('cases', ids.map((i) => ({
        id: i, number: `CMP-${year}-${String(i).padStart(6, '0')}`, status: i % 3 === 0 ? 'closed' : 'new', client_address: client(i), client_name: `Seed ${i}`,
        subject: subject(i), body: `Заказ S${i} не доставлен.`, language: 'ru', locale: 'ru', category: 'delivery', department: 'delivery', priority: 'normal',
        received_at: at, subject_key: subjectKey(subject(i), 'CMP'), last_message_at: at, created_at: at, updated_at: at, closed_at: i % 3 === 0 ? at : null,
      })), 500);
      await trx.batchInsert('messages', ids.map((i) => ({
        case_id: i, direction: 'in', kind: 'complaint', dedupe_key: `seed.${i}@example.org`, message_id: `seed.${i}@example.org`, from_address: client(i),
        to_addresses: 'complaints@example.test', subject: subject(i), text: `Заказ S${i} не доставлен.`, at,
      })), 500);
      await trx.batchInsert('case_participants', ids.map((i) => ({ case_id: i, address: client(i), first_seen_at: at })), 500);
    });
  }
  await db('case_sequence').insert({ year, last_seq: to }).onConflict('year').merge();
  // Ids given explicitly do not move PostgreSQL's sequence; the next registration must not reuse one.
  if (db.client.config.client === 'pg') await db.raw(`select setval(pg_get_serial_sequence('cases', 'id'), (select max(id) from cases))`);
}

/** Seeds each level in turn on `db` (migrated, empty) and measures `perLevel` messages processed after it. */
export async function measureScaling(db: Knex, levels: number[], perLevel: number, log: (line: string) => void): Promise<ScalingPoint[]> {
  const config = loadConfig({ env: testDeploymentEnv() }).config;
  config.classification.modelPath = '/nonexistent/no-model.json';
  config.staff.notify = [];
  config.mail.autoLetterCeiling = { perRecipientPerHour: 0, perRecipientPerDay: 0, globalPerHour: 0 };
  const quiet = createLogger({ level: 'error', format: 'json', maskPersonalData: true, stream: new PassThrough() });
  const deps = pipelineDeps(config, await loadParts(config), { db, log: quiet, clock: () => new Date(), secret: 'bench-secret' });
  const points: ScalingPoint[] = [];
  let seeded = 0;
  let uid = 0;
  const processBatch = async (tag: string): Promise<{ processed: number; ms: number }> => {
    const rows = benchLetters(perLevel, tag).map((l) => ({ mailbox: 'INBOX', uidvalidity: '1', uid: ++uid, messageKey: l.messageId, raw: l.raw, receivedAt: new Date().toISOString() }));
    for (let i = 0; i < rows.length; i += 50) await db.transaction((trx) => recordFetched(trx, rows.slice(i, i + 50), new Date().toISOString()));
    const start = performance.now();
    const processed = await processPending(deps, () => false);
    return { processed, ms: performance.now() - start };
  };
  // Unmeasured: the first batch pays for compiling the hot paths, not for the cases in the store.
  await processBatch('warmup');
  seeded = await maxCaseId(db);
  for (const level of levels) {
    await seedCases(db, seeded, level);
    seeded = level;
    const { processed, ms } = await processBatch(`scale${level}`);
    points.push({ existing_cases: level, messages: processed, ms_per_message: round(ms / processed, 2) });
    log(`  ${level} cases: ${round(ms / processed, 2)} ms per message`);
    // The measured cases stay; the next level's seed starts after them.
    seeded = await maxCaseId(db);
  }
  return points;
}

async function maxCaseId(db: Knex): Promise<number> {
  return Number(((await db('cases').max({ m: 'id' }).first()) as { m: number | null }).m ?? 0);
}

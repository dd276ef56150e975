// A pipeline on an in-memory SQLite store with the shipped templates, for store-level tests that
// need no mail servers: ledger rows go in, cases and outbox rows come out.
import path from 'node:path';
import type { Knex } from 'knex';
import { openStore, migrateLatest } from '../../src/store/db';
import { loadCatalogue } from '../../src/templates/catalogue';
import { createLogger } from '../../src/log/logger';
import { recordFetched } from '../../src/store/inbound-repo';
import { processPending, type PipelineDeps } from '../../src/pipeline';
import type { CategoryVerdict, CategorizeInput } from '../../src/rules/verdict';
import { PassThrough } from 'node:stream';

export const fixedVerdict: CategoryVerdict = {
  category: 'refund', department: 'refunds', priority: 'normal', deadlineDays: 10, source: 'rule', confidence: 1,
  needsReview: false, evidence: { kind: 'rule', ruleId: 'test-rule', matched: ['возврат (body)'] }, reason: 'rule test-rule matched: возврат (body)',
};

export interface Harness {
  db: Knex;
  deps: PipelineDeps;
  deliver(raw: Buffer): Promise<void>;
  processAll(): Promise<number>;
  close(): Promise<void>;
}

let uid = 0;

export async function pipelineHarness(overrides: { categorize?: (i: CategorizeInput) => CategoryVerdict; clock?: () => Date; filename?: string } = {}): Promise<Harness> {
  const db = openStore({ client: 'sqlite3', filename: overrides.filename ?? ':memory:' });
  await migrateLatest(db);
  const log = createLogger({ level: 'error', format: 'json', maskPersonalData: true, stream: new PassThrough() });
  const deps: PipelineDeps = {
    db, log, clock: overrides.clock ?? (() => new Date('2026-11-27T10:00:00Z')),
    limits: { maxMessageBytes: 1_000_000, maxAttachmentBytes: 100_000 },
    maxAttempts: 3,
    categorize: overrides.categorize ?? (() => fixedVerdict),
    register: {
      numberPrefix: 'CMP', sequenceDigits: 6, timeZone: 'Europe/Moscow', defaultLocale: 'ru', localeFrom: 'complaint', orgName: 'complaintd',
      from: { address: 'complaints@example.test', name: 'Служба претензий' }, staffNotify: ['staff1@example.test'],
      catalogue: loadCatalogue(path.resolve(__dirname, '../../templates'), 'Europe/Moscow'),
      categoryName: (id) => id,
    },
  };
  return {
    db,
    deps,
    deliver: async (raw) => {
      uid += 1;
      await recordFetched(db, [{ mailbox: 'INBOX', uidvalidity: '1', uid, messageKey: `k${uid}`, raw, receivedAt: '2026-11-27T09:59:30.000Z' }], new Date().toISOString());
    },
    processAll: () => processPending(deps, () => false),
    close: () => db.destroy(),
  };
}


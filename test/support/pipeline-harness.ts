// A pipeline on an in-memory SQLite store with the shipped templates, for store-level tests that
// need no mail servers: ledger rows go in, cases and outbox rows come out.
import type { Knex } from 'knex';
import { PassThrough } from 'node:stream';
import { openStore, migrateLatest } from '../../src/store/db';
import { createLogger } from '../../src/log/logger';
import { recordFetched } from '../../src/store/inbound-repo';
import { processPending, type PipelineDeps } from '../../src/pipeline';
import { loadConfig } from '../../src/config/load';
import { loadParts, pipelineDeps } from '../../src/pipeline-deps';
import type { CategoryVerdict, CategorizeInput } from '../../src/rules/verdict';
import { testDeploymentEnv } from './test-config';

export const TEST_TOKEN_SECRET = 'pipeline-harness-secret';

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
  // The shipped defaults, as the daemon would run them, with the case's clock fixed and the settings
  // a deployment must give taken from the test mail stack.
  const config = loadConfig({ env: testDeploymentEnv() }).config;
  const built = pipelineDeps(config, await loadParts(config), { db, log, clock: overrides.clock ?? (() => new Date('2026-11-27T10:00:00Z')), secret: TEST_TOKEN_SECRET });
  const deps: PipelineDeps = {
    ...built,
    limits: { maxMessageBytes: 1_000_000, maxAttachmentBytes: 100_000 },
    categorize: overrides.categorize ?? (() => fixedVerdict),
    register: { ...built.register, orgName: 'complaintd', staffNotify: ['staff1@example.test'] },
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


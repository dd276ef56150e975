// A pipeline on a fresh store of the backend under test (test-store.ts) with the shipped templates,
// for store-level tests that need no mail servers: ledger rows go in, cases and outbox rows come out.
import type { Knex } from 'knex';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import type { AppConfig } from '../../src/config/schema';
import { PassThrough } from 'node:stream';
import { openStore, migrateLatest, type StoreOptions } from '../../src/store/db';
import { openTestStore, type TestStore } from './test-store';
import { createLogger } from '../../src/log/logger';
import { recordFetched } from '../../src/store/inbound-repo';
import type { PipelineDeps } from '../../src/pipeline';
import { processPending } from '../../src/process-pending';
import { loadConfig, mergeDeep } from '../../src/config/load';
import { loadParts, pipelineDeps } from '../../src/pipeline-deps';
import type { CategoryVerdict, CategorizeInput } from '../../src/rules/verdict';
import { TEST_DEPLOYMENT } from './test-config';

export const TEST_TOKEN_SECRET = 'pipeline-harness-secret';

export const fixedVerdict: CategoryVerdict = {
  category: 'refund', department: 'refunds', priority: 'normal', deadlineDays: 10, source: 'rule', confidence: 1,
  needsReview: false, evidence: { kind: 'rule', ruleId: 'test-rule', matched: ['возврат (body)'] }, reason: 'rule test-rule matched: возврат (body)',
};

export interface Harness {
  db: Knex;
  /** Where the store is, for a test that opens a second connection to it. */
  storeOptions: StoreOptions;
  deps: PipelineDeps;
  /** `size` larger than the bytes: a message over the limit, of which intake read only the header block. */
  deliver(raw: Buffer, size?: number): Promise<void>;
  processAll(): Promise<number>;
  close(): Promise<void>;
}

let uid = 0;

export interface HarnessOptions {
  categorize?: (i: CategorizeInput) => CategoryVerdict;
  clock?: () => Date;
  filename?: string;
  /** Configuration on top of the shipped defaults, as a local file would give it (staff members, say). */
  config?: Record<string, unknown>;
}

/** The shipped defaults with `overrides` on top, read and validated the way the daemon reads a local file. */
function configWith(overrides: Record<string, unknown>): AppConfig {
  const dir = mkdtempSync(path.join(tmpdir(), 'complaintd-harness-'));
  try {
    const file = path.join(dir, 'local.yaml');
    writeFileSync(file, stringify(overrides));
    return loadConfig({ localFile: file, env: {} }).config;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function pipelineHarness(overrides: HarnessOptions = {}): Promise<Harness> {
  // A named file is for tests that hand the store to the command line afterwards; otherwise the
  // backend under test gives a fresh store.
  const store = overrides.filename ? await fileStore(overrides.filename) : await openTestStore();
  const { db } = store;
  const log = createLogger({ level: 'error', format: 'json', maskPersonalData: true, stream: new PassThrough() });
  // The shipped defaults, as the daemon would run them, with the case's clock fixed, the settings a
  // deployment must give taken from the test mail stack, and nobody besides the department told of
  // every case, so each case has one announcement (to its queue).
  const config = configWith(mergeDeep(mergeDeep(TEST_DEPLOYMENT, { staff: { notify: [] } }), overrides.config ?? {}) as Record<string, unknown>);
  const built = pipelineDeps(config, await loadParts(config), { db, log, clock: overrides.clock ?? (() => new Date('2026-11-27T10:00:00Z')), secret: TEST_TOKEN_SECRET });
  const deps: PipelineDeps = {
    ...built,
    limits: { maxMessageBytes: 1_000_000, maxAttachmentBytes: 100_000 },
    categorize: overrides.categorize ?? (() => fixedVerdict),
  };
  return {
    db,
    storeOptions: store.options,
    deps,
    deliver: async (raw, size) => {
      uid += 1;
      await recordFetched(db, [{ mailbox: 'INBOX', uidvalidity: '1', uid, messageKey: `k${uid}`, raw, size, receivedAt: '2026-11-27T09:59:30.000Z' }], new Date().toISOString());
    },
    processAll: () => processPending(deps, () => false),
    close: async () => {
      await deps.parser.close();
      await store.close();
    },
  };
}

async function fileStore(filename: string): Promise<TestStore> {
  const options: StoreOptions = { client: 'sqlite3', filename };
  const db = openStore(options);
  await migrateLatest(db);
  return { db, options, close: () => db.destroy() };
}


import { expect } from 'chai';
import { PassThrough } from 'node:stream';
import type { Knex } from 'knex';
import { openTestStore, type TestStore } from '../support/test-store';
import { createLogger } from '../../src/log/logger';
import { cancelJobs, claimDueJobs, scheduleJob } from '../../src/store/job-repo';
import { runDueJobs, type JobHandler, type SchedulerDeps } from '../../src/deadlines/scheduler';

const T0 = new Date('2026-12-01T09:00:00Z');
const log = createLogger({ level: 'error', format: 'json', maskPersonalData: true, stream: new PassThrough() });

describe('the scheduler over durable job rows', () => {
  let db: Knex;
  let now: Date;
  const runs: string[] = [];
  const handlers: Record<string, JobHandler> = {
    note: async (trx, job) => {
      await trx('secrets').insert({ name: `ran-${job.id}-${runs.length}`, value: job.key, created_at: T0.toISOString() });
      runs.push(job.key);
      return `ran ${job.key}`;
    },
    broken: async (trx, job) => {
      await trx('secrets').insert({ name: `half-done-${job.attempts}`, value: 'x', created_at: T0.toISOString() });
      throw new Error('handler exploded');
    },
  };
  const deps = (owner = 'a'): SchedulerDeps => ({ db, log, clock: () => now, owner, handlers, claimMs: 60_000, maxAttempts: 3 });
  const states = async (): Promise<string[]> => ((await db('jobs').orderBy('id').select('state')) as Array<{ state: string }>).map((r) => r.state);

  let store: TestStore;

  beforeEach(async () => {
    store = await openTestStore();
    db = store.db;
    now = T0;
    runs.length = 0;
  });
  afterEach(async () => store.close());

  it('a job runs once when due and not before', async () => {
    await scheduleJob(db, { kind: 'note', caseId: null, key: 'k1', dueAt: new Date(T0.getTime() + 60_000) }, T0.toISOString());
    expect(await runDueJobs(deps(), () => false)).to.equal(0);
    now = new Date(T0.getTime() + 61_000);
    expect(await runDueJobs(deps(), () => false)).to.equal(1);
    expect(await runDueJobs(deps(), () => false)).to.equal(0);
    expect(runs).to.deep.equal(['k1']);
    expect(await states()).to.deep.equal(['done']);
  });

  it('scheduling a pending job again moves it; scheduling a done job again changes nothing', async () => {
    await scheduleJob(db, { kind: 'note', caseId: null, key: 'k', dueAt: T0 }, T0.toISOString());
    await scheduleJob(db, { kind: 'note', caseId: null, key: 'k', dueAt: new Date(T0.getTime() + 3_600_000) }, T0.toISOString());
    expect(await runDueJobs(deps(), () => false)).to.equal(0);
    now = new Date(T0.getTime() + 3_600_000);
    await runDueJobs(deps(), () => false);
    await scheduleJob(db, { kind: 'note', caseId: null, key: 'k', dueAt: now }, now.toISOString());
    expect(await runDueJobs(deps(), () => false)).to.equal(0);
    expect(runs).to.have.length(1);
  });

  it('a cancelled job never runs', async () => {
    await db('cases').insert({ number: 'CMP-2026-000001', status: 'new', client_address: 'c@x', client_name: '', subject: 's', body: 'b', locale: 'ru', received_at: T0.toISOString(), created_at: T0.toISOString(), updated_at: T0.toISOString() });
    await scheduleJob(db, { kind: 'note', caseId: 1, key: 'k', dueAt: T0 }, T0.toISOString());
    expect(await cancelJobs(db, 1, ['note'])).to.equal(1);
    expect(await runDueJobs(deps(), () => false)).to.equal(0);
    expect(await states()).to.deep.equal(['cancelled']);
  });

  it('a job claimed by an instance that died is taken again after the claim expires, and runs once', async () => {
    await scheduleJob(db, { kind: 'note', caseId: null, key: 'k', dueAt: T0 }, T0.toISOString());
    const [claimed] = await claimDueJobs(db, { now: T0.toISOString(), owner: 'dead', claimedUntil: new Date(T0.getTime() + 60_000).toISOString(), limit: 10 });
    expect(claimed).to.include({ state: 'running' });
    expect(await runDueJobs(deps('b'), () => false)).to.equal(0);
    now = new Date(T0.getTime() + 61_000);
    expect(await runDueJobs(deps('b'), () => false)).to.equal(1);
    expect(runs).to.deep.equal(['k']);
  });

  it('instances claiming at the same moment share the due jobs, none taken twice', async () => {
    for (let i = 0; i < 30; i++) await scheduleJob(db, { kind: 'note', caseId: null, key: `k${i}`, dueAt: T0 }, T0.toISOString());
    const claim = (owner: string): ReturnType<typeof claimDueJobs> => claimDueJobs(db, { now: T0.toISOString(), owner, claimedUntil: new Date(T0.getTime() + 60_000).toISOString(), limit: 12 });
    const batches = await Promise.all(['a', 'b', 'c'].map(claim));
    const ids = batches.flat().map((j) => j.id);
    expect(new Set(ids).size).to.equal(ids.length);
    expect(ids).to.have.length(30);
    const owners = (await db('jobs').select('claimed_by').count({ n: '*' }).groupBy('claimed_by')) as Array<{ claimed_by: string; n: number | string }>;
    expect(owners.reduce((sum, o) => sum + Number(o.n), 0)).to.equal(30);
  });

  it('a handler that throws is retried later, then the job fails with the error and nothing it wrote stays', async () => {
    await scheduleJob(db, { kind: 'broken', caseId: null, key: 'k', dueAt: T0 }, T0.toISOString());
    for (let i = 0; i < 3; i++) {
      await runDueJobs(deps(), () => false);
      now = new Date(now.getTime() + 7_200_000);
    }
    const [row] = (await db('jobs').select('*')) as Array<{ state: string; attempts: number; last_error: string }>;
    expect(row).to.include({ state: 'failed', attempts: 3, last_error: 'handler exploded' });
    expect(await db('secrets').select('*')).to.deep.equal([]);
  });

  it('a job of a kind nobody handles fails at once with that reason', async () => {
    await scheduleJob(db, { kind: 'mystery', caseId: null, key: 'k', dueAt: T0 }, T0.toISOString());
    await runDueJobs(deps(), () => false);
    const [row] = (await db('jobs').select('*')) as Array<{ state: string; last_error: string }>;
    expect(row).to.include({ state: 'failed', last_error: 'no handler for job kind mystery' });
  });
});

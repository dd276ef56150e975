// Runs due jobs: claims them, runs each kind's handler in a transaction that also marks the job done,
// so the letters a job causes and the job's completion are one change. A handler that throws is
// retried later, a few times, then the job is marked failed with the error; nothing is lost silently.
import type { Knex } from 'knex';
import type { Logger } from '../log/logger';
import { backoffDelay } from '../daemon/backoff';
import { claimDueJobs, failJob, finishJob, type JobRow } from '../store/job-repo';
import { lockCase } from '../store/case-repo';

/** Does the job's work in `trx`; returns one line for the log. */
export type JobHandler = (trx: Knex, job: JobRow, now: Date) => Promise<string>;

export interface SchedulerDeps {
  db: Knex;
  log: Logger;
  clock: () => Date;
  /** This instance's name in claims. */
  owner: string;
  handlers: Readonly<Record<string, JobHandler>>;
  /** A claim older than this is taken to belong to a dead instance. */
  claimMs: number;
  maxAttempts: number;
}

const BATCH = 20;

export async function runDueJobs(deps: SchedulerDeps, shouldStop: () => boolean): Promise<number> {
  let done = 0;
  while (!shouldStop()) {
    const now = deps.clock();
    const jobs = await claimDueJobs(deps.db, { now: now.toISOString(), owner: deps.owner, claimedUntil: new Date(now.getTime() + deps.claimMs).toISOString(), limit: BATCH });
    if (jobs.length === 0) break;
    // A claimed job is always finished or released: stopping in the middle would hold it until its claim expires.
    for (const job of jobs) {
      await runOne(deps, job);
      done++;
    }
  }
  return done;
}

async function runOne(deps: SchedulerDeps, job: JobRow): Promise<void> {
  const log = deps.log.child({ component: 'scheduler', job: job.id, kind: job.kind, case: job.caseId });
  const handler = deps.handlers[job.kind];
  const now = deps.clock();
  if (!handler) {
    await failJob(deps.db, job.id, deps.owner, `no handler for job kind ${job.kind}`, now.toISOString(), null);
    log.error('scheduler.unknown_kind');
    return;
  }
  try {
    const summary = await deps.db.transaction(async (trx) => {
      if (job.caseId !== null) await lockCase(trx, { id: job.caseId });
      const line = await handler(trx, job, now);
      if (!(await finishJob(trx, job.id, deps.owner, now.toISOString()))) throw new Error('claim lost before the job finished');
      return line;
    });
    log.info('scheduler.job_done', { summary });
  } catch (err) {
    const error = (err as Error).message;
    const retry = job.attempts < deps.maxAttempts ? new Date(now.getTime() + backoffDelay({ initialMs: 30_000, maxMs: 3_600_000, jitter: 0.2 }, job.attempts)).toISOString() : null;
    await failJob(deps.db, job.id, deps.owner, error, now.toISOString(), retry);
    log[retry ? 'warn' : 'error'](retry ? 'scheduler.job_retry' : 'scheduler.job_failed', { error, attempts: job.attempts, retryAt: retry });
  }
}

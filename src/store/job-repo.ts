// Scheduled jobs: durable rows claimed by the scheduler. Claims are conditional updates with an
// expiry, so two schedulers never take one job and a job held by a dead instance is taken again.
import type { Knex } from 'knex';
import { skippingLocked } from './skip-locked';

export type JobState = 'pending' | 'running' | 'done' | 'failed' | 'cancelled';

export interface NewJob {
  kind: string;
  caseId: number | null;
  /** Distinguishes jobs of one kind on one case, e.g. "50%" for a reminder, "2026-12-01" for a digest. */
  key: string;
  dueAt: Date;
  payload?: Record<string, unknown>;
}

export interface JobRow {
  id: number;
  kind: string;
  caseId: number | null;
  key: string;
  dueAt: string;
  state: JobState;
  attempts: number;
  payload: Record<string, unknown>;
}

interface DbJob {
  id: number;
  kind: string;
  case_id: number | null;
  key: string;
  due_at: string;
  state: JobState;
  attempts: number;
  payload: string | null;
}

export function dedupeOf(j: Pick<NewJob, 'kind' | 'caseId' | 'key'>): string {
  return `${j.kind}:${j.caseId ?? '-'}:${j.key}`;
}

function fromDb(r: DbJob): JobRow {
  return {
    id: r.id, kind: r.kind, caseId: r.case_id, key: r.key, dueAt: r.due_at, state: r.state,
    attempts: r.attempts, payload: r.payload ? (JSON.parse(r.payload) as Record<string, unknown>) : {},
  };
}

/**
 * Schedules a job, or moves a pending (or cancelled) one to its new time: a deadline that changed
 * moves its reminders. A job that already ran or failed stays as it is: it happens at most once.
 */
export async function scheduleJob(trx: Knex, job: NewJob, at: string): Promise<void> {
  const dedupe = dedupeOf(job);
  const payload = job.payload ? JSON.stringify(job.payload) : null;
  const inserted = (await trx('jobs')
    .insert({ kind: job.kind, case_id: job.caseId, key: job.key, dedupe, due_at: job.dueAt.toISOString(), state: 'pending', payload, created_at: at })
    .onConflict('dedupe')
    .ignore()
    .returning('id')) as Array<{ id: number }>;
  if (inserted.length === 0) await trx('jobs').where({ dedupe }).whereIn('state', ['pending', 'cancelled']).update({ state: 'pending', due_at: job.dueAt.toISOString(), payload });
}

/** Cancels the case's pending jobs of these kinds (all kinds when none given); returns how many. */
export async function cancelJobs(trx: Knex, caseId: number, kinds: readonly string[] = []): Promise<number> {
  const q = trx('jobs').where({ case_id: caseId, state: 'pending' });
  if (kinds.length > 0) q.whereIn('kind', [...kinds]);
  return q.update({ state: 'cancelled' });
}

/** Takes due jobs for `owner` until `claimedUntil`; running jobs whose claim expired are taken again. */
export async function claimDueJobs(db: Knex, c: { now: string; owner: string; claimedUntil: string; limit: number }): Promise<JobRow[]> {
  return db.transaction(async (trx) => {
    const due = (await skippingLocked(trx, trx('jobs')
      .where((w) => w.where({ state: 'pending' }).andWhere('due_at', '<=', c.now))
      .orWhere((w) => w.where({ state: 'running' }).andWhere('claimed_until', '<', c.now))
      .orderBy('due_at')
      .limit(c.limit))) as DbJob[];
    const claimed: JobRow[] = [];
    for (const row of due) {
      // Still conditional: the lock is an optimisation on PostgreSQL, the condition is the guarantee.
      const n = await trx('jobs').where({ id: row.id, state: row.state, attempts: row.attempts }).update({ state: 'running', claimed_by: c.owner, claimed_until: c.claimedUntil, attempts: row.attempts + 1 });
      if (n === 1) claimed.push(fromDb({ ...row, state: 'running', attempts: row.attempts + 1 }));
    }
    return claimed;
  });
}

/** Marks a claimed job done; false when the claim was lost meanwhile (then the caller must roll back). */
export async function finishJob(trx: Knex, id: number, owner: string, at: string): Promise<boolean> {
  return (await trx('jobs').where({ id, state: 'running', claimed_by: owner }).update({ state: 'done', finished_at: at, last_error: null })) === 1;
}

/** A job that threw: back to pending at `retryAt`, or failed for good when there is none. */
export async function failJob(db: Knex, id: number, owner: string, error: string, at: string, retryAt: string | null): Promise<void> {
  const changes = retryAt ? { state: 'pending', due_at: retryAt, last_error: error } : { state: 'failed', last_error: error, finished_at: at };
  await db('jobs').where({ id, claimed_by: owner, state: 'running' }).update(changes);
}

/** The earliest time any pending job is due, so the scheduler can sleep until then. */
export async function nextDueAt(db: Knex): Promise<string | null> {
  const row = (await db('jobs').where({ state: 'pending' }).min({ at: 'due_at' }).first()) as { at: string | null } | undefined;
  return row?.at ?? null;
}

export async function jobsOfCase(db: Knex, caseId: number): Promise<JobRow[]> {
  return ((await db('jobs').where({ case_id: caseId }).orderBy('due_at')) as DbJob[]).map(fromDb);
}

/** The jobs of a kind still to run, the soonest due first. */
export async function pendingJobsOfKind(db: Knex, kind: string): Promise<JobRow[]> {
  return ((await db('jobs').where({ kind, state: 'pending' }).orderBy('due_at')) as DbJob[]).map(fromDb);
}

/** The job with this kind, case and key, whatever its state; held until the transaction ends. */
export async function holdJob(trx: Knex, job: Pick<NewJob, 'kind' | 'caseId' | 'key'>): Promise<JobRow | null> {
  const row = (await trx('jobs').where({ dedupe: dedupeOf(job) }).forUpdate().first()) as DbJob | undefined;
  return row ? fromDb(row) : null;
}

/** Replaces a job's payload (a job still waiting that gathers work, say). */
export async function setJobPayload(trx: Knex, id: number, payload: Record<string, unknown>): Promise<void> {
  await trx('jobs').where({ id }).update({ payload: JSON.stringify(payload) });
}

// One retention run, in the caller's transaction: the daily job's and `complaintd retention run`'s.
// A case whose texts go says so on its history; raw bytes go without a word on the case, since
// everything parsed from them stays. The job schedules the next day's run when it is done.
import type { Knex } from 'knex';
import type { JobHandler } from '../deadlines/scheduler';
import type { BusinessCalendar } from '../deadlines/business-calendar';
import { nextDigestTime } from '../deadlines/digest-time';
import { scheduleJob } from '../store/job-repo';
import { addHistory } from '../store/history-repo';
import { casesDueForBodyPurge, purgeBodies, purgeRawBefore } from '../store/retention-repo';
import { isRetentionOn, retentionCutoffs, type RetentionSettings } from './retention';

export const RETENTION_JOB = 'retention';
export const RETENTION_EVENT = 'retention_purged';

export interface RetentionReport {
  rawMessages: number;
  rawLetters: number;
  cases: number;
  messages: number;
  attachments: number;
}

export async function runRetention(trx: Knex, s: RetentionSettings, now: Date, actor: string): Promise<RetentionReport> {
  const cut = retentionCutoffs(s, now);
  const report: RetentionReport = { rawMessages: 0, rawLetters: 0, cases: 0, messages: 0, attachments: 0 };
  if (cut.raw) {
    const raw = await purgeRawBefore(trx, cut.raw.toISOString());
    report.rawMessages = raw.messages;
    report.rawLetters = raw.letters;
  }
  if (!cut.bodies) return report;
  const at = now.toISOString();
  for (;;) {
    const due = await casesDueForBodyPurge(trx, cut.bodies.toISOString(), 500);
    if (due.length === 0) return report;
    for (const p of await purgeBodies(trx, due, at)) {
      await addHistory(trx, p.caseId, at, {
        event: RETENTION_EVENT, actor,
        reason: `message texts and attachments removed: the case was closed more than ${s.bodyDays} days ago (retention.bodyDays); subject, causes, statuses and times are kept`,
        details: { messages: p.messages, attachments: p.attachments },
      });
      report.cases++;
      report.messages += p.messages;
      report.attachments += p.attachments;
    }
  }
}

/** Starts the daily chain when retention is on; a store already holding the next run keeps it. */
export async function ensureRetentionScheduled(db: Knex, s: RetentionSettings, calendar: BusinessCalendar, now: Date): Promise<void> {
  if (!isRetentionOn(s)) return;
  const at = nextDigestTime(now, calendar, s.at, false);
  await scheduleJob(db, { kind: RETENTION_JOB, caseId: null, key: calendar.localDateOf(at), dueAt: at }, now.toISOString());
}

export function retentionHandler(s: RetentionSettings, calendar: BusinessCalendar): JobHandler {
  return async (trx, _job, now) => {
    if (!isRetentionOn(s)) return 'retention is off (retention.rawDays and retention.bodyDays are 0)';
    const r = await runRetention(trx, s, now, 'daemon');
    // A minute on, so the next run is tomorrow's even when this one ran exactly at its time.
    await ensureRetentionScheduled(trx, s, calendar, new Date(now.getTime() + 60_000));
    return `retention: raw bytes of ${r.rawMessages} message(s) and ${r.rawLetters} letter(s), texts of ${r.cases} case(s) (${r.messages} message(s), ${r.attachments} attachment(s))`;
  };
}

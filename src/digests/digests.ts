// The recurring letters: the daily overdue digest to supervisors, and the periodic digest of causes
// to each department. Each is a scheduled job that, when done, schedules the next one, so a restart
// neither skips nor repeats a digest; `ensureDigestsScheduled` starts the chain on a new store.
import type { Knex } from 'knex';
import type { JobHandler } from '../deadlines/scheduler';
import { nextDigestTime } from '../deadlines/digest-time';
import { describeTimeLeft } from '../deadlines/time-left';
import { scheduleJob } from '../store/job-repo';
import { queueSystemLetter } from '../cases/case-letter';
import { systemRecipients } from '../alerts/raise-alert';
import type { Desk } from '../cases/desk';
import type { Locale } from '../templates/localized-text';
import { changeLabel, digestPeriod, nextDepartmentDigest } from './digest-schedule';
import { pluralForm } from '../templates/helpers';

export const OVERDUE_DIGEST_JOB = 'overdue_digest';
export const DEPARTMENT_DIGEST_JOB = 'department_digest';
const RUNNING = ['new', 'in_progress', 'awaiting_info', 'awaiting_approval', 'reopened'];
const DAY_MS = 86_400_000;

interface OverdueRow { number: string; subject: string; deadline_at: string; assignee: string | null; department: string | null }

export async function ensureDigestsScheduled(db: Knex, desk: Desk, now: Date): Promise<void> {
  await scheduleNextOverdue(db, desk, now);
  await scheduleNextDepartmentDigest(db, desk, now);
}

async function scheduleNextOverdue(db: Knex, desk: Desk, now: Date): Promise<void> {
  const at = nextDigestTime(now, desk.calendar, desk.deadlines.digestAt, desk.deadlines.digestWorkingDaysOnly);
  await scheduleJob(db, { kind: OVERDUE_DIGEST_JOB, caseId: null, key: desk.calendar.localDateOf(at), dueAt: at }, now.toISOString());
}

async function scheduleNextDepartmentDigest(db: Knex, desk: Desk, now: Date): Promise<void> {
  const at = nextDepartmentDigest(now, desk.calendar, desk.departmentDigest);
  if (at) await scheduleJob(db, { kind: DEPARTMENT_DIGEST_JOB, caseId: null, key: desk.calendar.localDateOf(at), dueAt: at }, now.toISOString());
}

export function overdueDigestHandler(desk: Desk): JobHandler {
  return async (trx, _job, now) => {
    const overdue = (await trx('cases').whereIn('status', RUNNING).where('deadline_at', '<', now.toISOString()).orderBy('deadline_at').select('number', 'subject', 'deadline_at', 'assignee', 'department')) as OverdueRow[];
    let letters = 0;
    if (overdue.length > 0) {
      // Each supervisor hears of their department; admins (or, without them, staff.notify) of everything.
      for (const department of desk.categories.departments.values()) {
        const supervisor = desk.directory.supervisorOf(department.id);
        const mine = overdue.filter((c) => c.department === department.id);
        if (!supervisor || mine.length === 0) continue;
        await sendOverdue(trx, desk, supervisor.address, supervisor.locale, department.name, mine, now);
        letters++;
      }
      const admins = desk.directory.members.filter((m) => m.role === 'admin');
      for (const r of admins.length > 0 ? admins.map((m) => ({ address: m.address, locale: m.locale })) : systemRecipients(desk)) {
        await sendOverdue(trx, desk, r.address, r.locale, '', overdue, now);
        letters++;
      }
    }
    await scheduleNextOverdue(trx, desk, new Date(now.getTime() + 60_000));
    return `overdue digest: ${overdue.length} case(s), ${letters} letter(s)`;
  };
}

async function sendOverdue(trx: Knex, desk: Desk, address: string, locale: Locale, department: string, cases: OverdueRow[], now: Date): Promise<void> {
  const letter = desk.catalogue.render('system-overdue-digest', locale, {
    now: now.toISOString(), department, org: { name: desk.from.name || desk.orgName },
    cases: cases.map((c) => ({ number: c.number, subject: c.subject, deadlineAt: c.deadline_at, assignee: c.assignee, overdue: describeTimeLeft(new Date(c.deadline_at), now, locale, desk.calendar) })),
  });
  await queueSystemLetter(trx, { kind: 'digest', from: desk.from, to: [address], letter, now });
}

export function departmentDigestHandler(desk: Desk): JobHandler {
  return async (trx, _job, now) => {
    const every = desk.departmentDigest.every;
    if (every === 'off') return 'department digests are off';
    const period = digestPeriod(now, every);
    let letters = 0;
    for (const department of desk.categories.departments.values()) {
      const counts = async (from: Date, to: Date) => (await trx('cases').where({ department: department.id }).where('received_at', '>=', from.toISOString()).where('received_at', '<', to.toISOString())
        .groupBy('category').select('category').count({ n: '*' })) as Array<{ category: string | null; n: number | string }>;
      const current = await counts(period.from, period.to);
      const previous = await counts(period.previousFrom, period.from);
      const total = current.reduce((sum, r) => sum + Number(r.n), 0);
      const previousTotal = previous.reduce((sum, r) => sum + Number(r.n), 0);
      if (total === 0 && previousTotal === 0) continue;
      const locale = desk.defaultLocale;
      const categories = [...new Set([...current, ...previous].map((r) => r.category ?? 'other'))];
      const causes = categories.map((id) => {
        const n = Number(current.find((r) => (r.category ?? 'other') === id)?.n ?? 0);
        const before = Number(previous.find((r) => (r.category ?? 'other') === id)?.n ?? 0);
        return { name: desk.categoryName(id, locale), count: n, previous: before, change: changeLabel(n, before, locale) };
      }).sort((a, b) => b.count - a.count);
      const oldest = ((await trx('cases').where({ department: department.id }).whereIn('status', RUNNING).orderBy('received_at').limit(5).select('number', 'subject', 'received_at')) as Array<{ number: string; subject: string; received_at: string }>)
        .map((c) => ({ number: c.number, subject: c.subject, age: describeAge(now.getTime() - Date.parse(c.received_at), locale) }));
      const examples = ((await trx('cases').where({ department: department.id }).where('received_at', '>=', period.from.toISOString()).orderBy('id', 'desc').limit(5).select('subject')) as Array<{ subject: string }>).map((c) => c.subject);
      const letter = desk.catalogue.render('system-department-digest', locale, {
        department: department.name, period: { from: period.from.toISOString(), to: period.to.toISOString() }, total, previousTotal, causes, oldest, examples, org: { name: desk.from.name || desk.orgName },
      });
      await queueSystemLetter(trx, { kind: 'digest', from: desk.from, to: [department.email], letter, now });
      letters++;
    }
    await scheduleNextDepartmentDigest(trx, desk, new Date(now.getTime() + 60_000));
    return `department digests: ${letters} letter(s)`;
  };
}

function describeAge(ms: number, locale: Locale): string {
  const days = Math.floor(ms / DAY_MS);
  if (locale === 'ru') return `${days} ${pluralForm(days, 'день', 'дня', 'дней')}`;
  return days === 1 ? '1 day' : `${days} days`;
}

import { expect } from 'chai';
import { simpleParser } from 'mailparser';
import { pipelineHarness, fixedVerdict, type Harness } from '../support/pipeline-harness';
import { rawMail } from '../support/raw-mail';
import { runDueJobs } from '../../src/deadlines/scheduler';
import { jobHandlers } from '../../src/daemon/job-handlers';
import { ensureDigestsScheduled } from '../../src/digests/digests';
import { moveCase } from '../../src/cases/move-case';
import { findCaseById } from '../../src/store/case-repo';

const STAFF = {
  staff: {
    members: [
      { address: 'staff1@example.test', name: 'Ирина', role: 'agent', department: 'refunds', locale: 'ru' },
      { address: 'supervisor@example.test', name: 'Ольга', role: 'supervisor', department: 'refunds', locale: 'ru' },
    ],
  },
};

describe('deadlines, reminders, escalations and alerts, on the store with a fake clock', () => {
  let h: Harness;
  let now: Date;
  const run = async (at: string): Promise<number> => {
    now = new Date(at);
    return runDueJobs({ db: h.db, log: h.deps.log, clock: () => now, owner: 'test', handlers: jobHandlers(h.deps.desk), claimMs: 60_000, maxAttempts: 3 }, () => false);
  };
  const letters = async (kind: string): Promise<Array<{ to: string; subject: string; text: string }>> => {
    const rows = (await h.db('outbox').where({ kind }).orderBy('id')) as Array<{ envelope_to: string; raw: Buffer }>;
    return Promise.all(rows.map(async (r) => {
      const m = await simpleParser(r.raw);
      return { to: r.envelope_to, subject: m.subject ?? '', text: m.text ?? '' };
    }));
  };
  const complain = async (body = 'Прошу вернуть деньги за заказ 5.', from = 'client1@example.test', subject = 'Возврат'): Promise<void> => {
    await h.deliver(rawMail({ from, subject, body }));
    await h.processAll();
  };

  beforeEach(async () => {
    now = new Date('2026-11-27T10:00:00Z');
    h = await pipelineHarness({ config: STAFF, clock: () => now });
  });
  afterEach(async () => h.close());

  it('a new case gets its deadline and its reminders and escalation as jobs', async () => {
    await complain();
    const kase = (await h.db('cases').first()) as { deadline_at: string };
    expect(kase.deadline_at).to.equal('2026-12-07T20:59:59.999Z');
    const jobs = (await h.db('jobs').where({ case_id: 1 }).orderBy('due_at').select('kind', 'key', 'due_at')) as Array<{ kind: string; key: string; due_at: string }>;
    expect(jobs.map((j) => j.kind)).to.deep.equal(['deadline_reminder', 'deadline_reminder', 'deadline_escalation']);
    expect(jobs[1]?.due_at).to.equal('2026-12-04T06:00:00.000Z');
  });

  it('each reminder goes to the queue once, and the escalation to the supervisor once, across repeated runs', async () => {
    await complain();
    await run('2026-12-02T12:00:00Z');
    await run('2026-12-04T07:00:00Z');
    await run('2026-12-04T08:00:00Z');
    expect((await letters('deadline_reminder')).map((l) => l.to)).to.deep.equal(['refunds@example.test', 'refunds@example.test']);
    await run('2026-12-08T10:00:00Z');
    await run('2026-12-09T10:00:00Z');
    const alerts = await letters('alert');
    expect(alerts.map((l) => l.to)).to.deep.equal(['supervisor@example.test']);
    expect(alerts[0]?.text).to.contain('deadline passed');
    expect(((await h.db('history').where({ event: 'alert.deadline_breach' }).count({ n: '*' }).first()) as { n: number }).n).to.equal(1);
  });

  it('waiting for the client holds the reminders and moves the deadline; the answer plans them again', async () => {
    await complain();
    await h.db('cases').update({ status: 'in_progress' });
    const ack = (await h.db('outbox').where({ kind: 'acknowledgement' }).first()) as { message_id: string };
    await h.db.transaction(async (trx) => {
      const kase = (await findCaseById(trx, 1))!;
      await moveCase(trx, h.deps.desk, kase, { type: 'ask_client' }, { actor: 'test', why: 'asked', now });
    });
    expect(await h.db('jobs').where({ case_id: 1, state: 'pending' }).whereIn('kind', ['deadline_reminder', 'deadline_escalation']).count({ n: '*' }).first()).to.deep.equal({ n: 0 });
    now = new Date('2026-11-30T10:00:00Z');
    await h.deliver(rawMail({ subject: 'Re: Возврат', inReplyTo: ack.message_id, body: 'Номер заказа 5, чек прилагаю.' }));
    await h.processAll();
    const kase = (await h.db('cases').first()) as { status: string; deadline_at: string };
    expect(kase.status).to.equal('in_progress');
    expect(kase.deadline_at).to.equal('2026-12-10T20:59:59.999Z');
    expect(await h.db('jobs').where({ case_id: 1, state: 'pending', kind: 'deadline_escalation' }).count({ n: '*' }).first()).to.deep.equal({ n: 1 });
  });

  it('a decided case gets no escalation when its old deadline passes', async () => {
    await complain();
    await h.db.transaction(async (trx) => {
      const kase = (await findCaseById(trx, 1))!;
      await moveCase(trx, h.deps.desk, kase, { type: 'decide', requiresApproval: false }, { actor: 'test', why: 'decided', now });
    });
    await run('2026-12-09T10:00:00Z');
    expect(await letters('alert')).to.have.length(0);
  });

  it('a complaint that threatens court alerts the supervisor once, even when the client repeats it', async () => {
    await complain('Если деньги не вернут, подам в суд и напишу в Роспотребнадзор.');
    const ack = (await h.db('outbox').where({ kind: 'acknowledgement' }).first()) as { message_id: string };
    await h.deliver(rawMail({ subject: 'Re: Возврат', inReplyTo: ack.message_id, body: 'Повторяю: подам в суд.' }));
    await h.processAll();
    const alerts = await letters('alert');
    expect(alerts).to.have.length(1);
    expect(alerts[0]?.to).to.equal('supervisor@example.test');
    expect(alerts[0]?.text).to.match(/threat (court|regulator)/);
  });

  it('the third complaint from one client within the window alerts the supervisor once', async () => {
    for (const n of [1, 2, 3, 4]) await complain(`Жалоба номер ${n}: верните деньги.`, 'client1@example.test', `Жалоба ${n}`);
    const alerts = (await letters('alert')).filter((l) => l.text.includes('repeated'));
    expect(alerts).to.have.length(1);
    expect(alerts[0]?.text).to.contain('CMP-2026-000001').and.contain('CMP-2026-000003');
  });

  it('a quarantined message is a system alert to the supervisors', async () => {
    await h.deliver(rawMail({ from: null }));
    await h.processAll();
    const rows = (await h.db('outbox').where({ kind: 'alert' })) as Array<{ case_id: number | null; envelope_to: string }>;
    expect(rows).to.have.length(1);
    expect(rows[0]).to.include({ case_id: null, envelope_to: 'supervisor@example.test' });
  });

  it('a cause marked for immediate notice tells its department at once', async () => {
    h.deps.categorize = () => ({ ...fixedVerdict, category: 'product-quality', department: 'refunds' });
    await complain('Чайник сломался через день.');
    const notices = await letters('department_notice');
    expect(notices.map((l) => l.to)).to.deep.equal(['quality@example.test']);
  });

  it('the daily overdue digest lists the supervisor\'s overdue cases and the next digest is planned', async () => {
    await complain();
    await ensureDigestsScheduled(h.db, h.deps.desk, now);
    await run('2026-12-09T07:00:00Z');
    const digests = await letters('digest');
    const overdue = digests.find((d) => d.subject.startsWith('Просроченные'));
    expect(overdue?.to).to.equal('supervisor@example.test');
    expect(overdue?.text).to.contain('CMP-2026-000001');
    expect(await h.db('jobs').where({ kind: 'overdue_digest', state: 'pending' }).count({ n: '*' }).first()).to.deep.equal({ n: 1 });
  });

  it('the weekly department digest counts causes against the previous week', async () => {
    await complain();
    await ensureDigestsScheduled(h.db, h.deps.desk, now);
    await run('2026-11-30T07:00:00Z');
    const digest = (await letters('digest')).find((d) => d.subject.startsWith('Сводка'));
    expect(digest?.to).to.equal('refunds@example.test');
    expect(digest?.text).to.contain('Всего новых претензий: 1');
  });
});

import { expect } from 'chai';
import { simpleParser } from 'mailparser';
import { pipelineHarness, type Harness } from '../support/pipeline-harness';
import { rawMail } from '../support/raw-mail';
import { runDueJobs } from '../../src/deadlines/scheduler';
import { jobHandlers } from '../../src/daemon/job-handlers';
import { ensureKpiLetterScheduled } from '../../src/reports/kpi-letter';
import type { StaffMember } from '../../src/staff/directory';

const MEMBERS: StaffMember[] = [
  { address: 'staff1@example.test', name: 'Ирина Сотрудникова', role: 'agent', department: 'refunds', locale: 'ru' },
  { address: 'supervisor@example.test', name: 'Ольга Руководитель', role: 'supervisor', department: 'refunds', locale: 'ru' },
  { address: 'admin@example.test', name: 'Admin Person', role: 'admin', department: null, locale: 'en' },
];

describe('the scheduled KPI letter', () => {
  let h: Harness;
  const now = new Date('2026-11-27T10:00:00Z');

  beforeEach(async () => {
    h = await pipelineHarness({ config: { staff: { members: MEMBERS } }, clock: () => now });
    await h.deliver(rawMail({ subject: 'Не вернули деньги', body: 'Прошу вернуть 1500 рублей, заказ 321.' }));
    await h.processAll();
  });
  afterEach(async () => h.close());

  const run = (at: string) => runDueJobs({ db: h.db, log: h.deps.log, clock: () => new Date(at), owner: 'test', handlers: jobHandlers(h.deps.desk), claimMs: 60_000, maxAttempts: 3 }, () => false);
  const kpiLetters = async () => Promise.all(((await h.db('outbox').where({ kind: 'kpi_report' }).orderBy('id')) as Array<{ envelope_to: string; raw: Buffer }>).map(async (r) => ({ to: r.envelope_to, mail: await simpleParser(r.raw) })));

  it('goes weekly to supervisors and admins in their language, with the HTML report and its charts, once a week', async () => {
    await ensureKpiLetterScheduled(h.db, h.deps.desk, now);
    // Monday 30 November 2026, 08:00 Moscow: the default weekly time.
    const job = (await h.db('jobs').where({ kind: 'kpi_letter' }).first()) as { due_at: string };
    expect(job.due_at).to.equal('2026-11-30T05:00:00.000Z');
    await run('2026-11-30T05:00:00Z');
    const letters = await kpiLetters();
    expect(letters.map((l) => l.to)).to.deep.equal(['supervisor@example.test', 'admin@example.test']);
    const [ru, en] = letters;
    // The week's one case is acknowledged by nobody yet (the outbox was not drained): no ack time, so that target has no data;
    // it is 2 days old and not due: no on-time figure either. The defaults' desk targets are the ones checked.
    expect(ru!.mail.subject).to.match(/^КПЭ за 2026-11-23 — 2026-11-30/);
    expect(en!.mail.subject).to.match(/^KPI report 2026-11-23 to 2026-11-30/);
    expect(ru!.mail.text).to.contain('Показатели (этот период / предыдущий / изменение):').and.contain('поступило претензий: 1 / 0 / +1');
    expect(String(en!.mail.html)).to.contain('<svg class="chart"').and.contain('Backlog ageing');
    expect(await h.db('jobs').where({ kind: 'kpi_letter', state: 'pending' }).count({ n: '*' }).first()).to.deep.equal({ n: 1 });
    expect(await run('2026-11-30T06:00:00Z')).to.equal(0);
    expect(await kpiLetters()).to.have.length(2);
  });

  it('a missed target comes first in the text', async () => {
    await h.db('outbox').where({ kind: 'acknowledgement' }).update({ status: 'sent', sent_at: '2026-11-27T11:00:00.000Z' });
    await ensureKpiLetterScheduled(h.db, h.deps.desk, now);
    await run('2026-11-30T05:00:00Z');
    const [ru] = await kpiLetters();
    const text = ru!.mail.text ?? '';
    expect(text).to.contain('Целевые значения не достигнуты (2 из');
    expect(text).to.contain('- вся служба: время до подтверждения, медиана 60.5 min, цель ≤ 5.0 min');
    expect(text.indexOf('не достигнуты')).to.be.lessThan(text.indexOf('Показатели'));
  });
});

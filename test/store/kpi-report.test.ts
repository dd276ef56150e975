import { expect } from 'chai';
import { pipelineHarness, type Harness } from '../support/pipeline-harness';
import { rawMail } from '../support/raw-mail';
import { actOnCase } from '../../src/cases/act-on-case';
import { loadReport } from '../../src/reports/load-report';
import { renderCsv } from '../../src/reports/render-csv';
import type { StaffMember } from '../../src/staff/directory';

const MEMBERS: StaffMember[] = [
  { address: 'staff1@example.test', name: 'Ирина Сотрудникова', role: 'agent', department: 'refunds', locale: 'ru' },
  { address: 'supervisor@example.test', name: 'Ольга Руководитель', role: 'supervisor', department: 'refunds', locale: 'ru' },
];
const PERIOD = { from: new Date('2026-11-27T00:00:00Z'), to: new Date('2026-12-04T00:00:00Z') };

describe('the KPI report on the store', () => {
  let h: Harness;
  let now = new Date('2026-11-27T10:00:00Z');

  beforeEach(async () => {
    now = new Date('2026-11-27T10:00:00Z');
    h = await pipelineHarness({ config: { staff: { members: MEMBERS }, reports: { targets: { desk: { onTimeShare: 0.95, medianAckMinutes: 5, reopenRate: 0.05 } } } }, clock: () => now });
    await h.deliver(rawMail({ from: 'client1@example.test', subject: 'Не вернули деньги', body: 'Прошу вернуть 1500 рублей, заказ 321.' }));
    await h.deliver(rawMail({ from: 'client2@example.test', subject: 'Брак', body: 'Прошу вернуть деньги за брак.' }));
    await h.processAll();
    // The sender took the first acknowledgement 3 minutes after receipt (09:59:30), the second 7 minutes after.
    await h.db('outbox').where({ kind: 'acknowledgement', case_id: 1 }).update({ status: 'sent', sent_at: '2026-11-27T10:02:30.000Z' });
    await h.db('outbox').where({ kind: 'acknowledgement', case_id: 2 }).update({ status: 'sent', sent_at: '2026-11-27T10:06:30.000Z' });
    now = new Date('2026-11-28T09:59:30Z');
    const decided = await actOnCase(h.db, h.deps.desk, { number: 'CMP-2026-000001', by: 'staff1@example.test', commands: ['#решение удовлетворить'], text: 'Вернём деньги на карту.', now });
    expect(decided.ok).to.equal(true);
  });
  afterEach(async () => h.close());

  it('times the acknowledgement and the decision, counts the decider and meets the targets it should', async () => {
    const report = await loadReport(h.db, h.deps.desk, PERIOD, 'ru');
    expect(report.desk.current).to.include({ cases: 2, acknowledged: 2, medianAckMinutes: 5, decided: 1, medianDecisionHours: 24, due: 1, onTime: 1, onTimeShare: 1, reopenRate: 0, overdueBacklog: 0 });
    expect(report.desk.current.byStatus).to.deep.equal({ decided: 1, new: 1 });
    expect(report.staff.find((e) => e.address === 'staff1@example.test')).to.include({ handled: 1, decided: 1, onTimeShare: 1, medianDecisionHours: 24, returnedByApproval: 0 });
    expect(report.targets.filter((t) => t.scope === 'desk').map((t) => [t.metric, t.met])).to.deep.equal([['onTimeShare', true], ['medianAckMinutes', true], ['reopenRate', true]]);
    expect(renderCsv(report)).to.contain('desk,,onTimeShare,1,,,');
  });

  it('a thanks-only reply and an auto-reply after the decision neither reopen the case nor add a case', async () => {
    now = new Date('2026-11-29T10:00:00Z');
    await h.deliver(rawMail({ from: 'client1@example.test', subject: 'Re: [CMP-2026-000001] Не вернули деньги', body: 'Спасибо!' }));
    await h.deliver(rawMail({ from: 'client1@example.test', subject: 'Re: [CMP-2026-000001] Не вернули деньги', headers: { 'Auto-Submitted': 'auto-replied' }, body: 'I am out of the office until Monday.' }));
    await h.processAll();
    const report = await loadReport(h.db, h.deps.desk, PERIOD, 'ru');
    expect(report.desk.current).to.include({ cases: 2, decided: 1, reopened: 0, reopenRate: 0, repeat: 0 });
  });

  it('a client who writes again after the decision reopens it, and the reopen rate says so', async () => {
    now = new Date('2026-11-29T10:00:00Z');
    await h.deliver(rawMail({ from: 'client1@example.test', subject: 'Re: [CMP-2026-000001] Не вернули деньги', body: 'Деньги так и не пришли, прошу разобраться.' }));
    await h.processAll();
    const report = await loadReport(h.db, h.deps.desk, PERIOD, 'ru');
    expect(report.desk.current).to.include({ decided: 1, reopened: 1, reopenRate: 1 });
    expect(report.targets.find((t) => t.metric === 'reopenRate')?.met).to.equal(false);
  });

  it('the previous period of the same length holds nothing yet, and an undecided case past its deadline is overdue backlog', async () => {
    const later = { from: new Date('2026-12-10T00:00:00Z'), to: new Date('2026-12-17T00:00:00Z') };
    const report = await loadReport(h.db, h.deps.desk, later, 'ru');
    expect(report.desk.previous).to.include({ cases: 0, decided: 0 });
    expect(report.desk.current.overdueBacklog).to.equal(1);
    expect(report.backlog.byAge.reduce((n, b) => n + b.overdue, 0)).to.equal(1);
  });
});

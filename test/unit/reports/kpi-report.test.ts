import { expect } from 'chai';
import { buildReport } from '../../../src/reports/kpi-report';
import { median, percentile, share } from '../../../src/reports/statistics';
import { PERIOD, SAMPLE_ROWS, SAMPLE_SETTINGS } from '../../support/kpi-sample';

describe('KPI report', () => {
  const report = buildReport(SAMPLE_ROWS, SAMPLE_SETTINGS);
  const { current, previous } = report.desk;

  it('the median is the middle value, the mean of the two middle ones for an even count, and p90 is by nearest rank', () => {
    expect(median([5, 1, 3])).to.equal(3);
    expect(median([4, 1, 3, 10])).to.equal(3.5);
    expect(percentile([10, 2, 4], 0.9)).to.equal(10);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).to.equal(9);
    expect(median([])).to.equal(null);
    expect(share(1, 0)).to.equal(null);
  });

  it('counts the cases received in the period by cause, department and status at its end, a merged case not at all', () => {
    expect(current.cases).to.equal(4);
    expect(current.byCategory).to.deep.equal({ refund: 2, delivery: 1, other: 1 });
    expect(current.byDepartment).to.deep.equal({ refunds: 2, logistics: 1, '-': 1 });
    expect(current.byStatus).to.deep.equal({ decided: 2, in_progress: 1, new: 1 });
  });

  it('times acknowledgements of the acknowledged cases only', () => {
    expect(current.acknowledged).to.equal(3);
    expect(current.medianAckMinutes).to.equal(4);
    expect(current.p90AckMinutes).to.equal(10);
  });

  it('times decisions by the first one, whenever the case was received', () => {
    expect(current.decided).to.equal(3);
    expect(current.medianDecisionHours).to.equal(48);
    expect(current.p90DecisionHours).to.equal(312);
  });

  it('the share on time counts a case left undecided past its deadline as late', () => {
    expect(current.due).to.equal(4);
    expect(current.onTime).to.equal(2);
    expect(current.onTimeShare).to.equal(0.5);
  });

  it('the reopen rate, repeat complaints and the overdue backlog follow their definitions', () => {
    expect(current.reopened).to.equal(1);
    expect(current.reopenRate).to.be.closeTo(1 / 3, 1e-9);
    expect(current.repeat).to.equal(1);
    expect(current.repeatShare).to.equal(0.25);
    expect(current.overdueBacklog).to.equal(1);
  });

  it('the previous period of the same length is computed the same way', () => {
    expect(report.previous).to.deep.equal({ from: '2026-10-25T00:00:00.000Z', to: '2026-11-01T00:00:00.000Z' });
    expect(previous.cases).to.equal(1);
    expect(previous.medianAckMinutes).to.equal(30);
    expect(previous.decided).to.equal(1);
    expect(previous.due).to.equal(2);
    expect(previous.onTimeShare).to.equal(0.5);
    expect(previous.reopenRate).to.equal(0);
    expect(previous.overdueBacklog).to.equal(1);
  });

  it('each department gets its own figures', () => {
    const refunds = report.departments.find((d) => d.id === 'refunds')!;
    expect(refunds.current.due).to.equal(3);
    expect(refunds.current.onTimeShare).to.be.closeTo(2 / 3, 1e-9);
    const logistics = report.departments.find((d) => d.id === 'logistics')!;
    expect(logistics.current.onTimeShare).to.equal(0);
    expect(logistics.current.medianAckMinutes).to.equal(10);
  });

  it('per employee: cases handled, decided, on time, median time to decision and decisions returned', () => {
    const [alice, bob, carol] = report.staff;
    expect(alice).to.include({ handled: 3, decided: 2, onTime: 1, onTimeShare: 0.5, medianDecisionHours: 180, returnedByApproval: 0 });
    expect(bob).to.include({ handled: 1, decided: 1, onTime: 1, onTimeShare: 1, medianDecisionHours: 24, returnedByApproval: 1 });
    expect(carol).to.include({ handled: 0, decided: 0, onTimeShare: null, medianDecisionHours: null });
  });

  it('the backlog at the period end by age since receipt and by time overdue', () => {
    expect(report.backlog.byAge.map((b) => [b.label, b.withinTerm, b.overdue])).to.deep.equal([
      ['0–1 d', 0, 0], ['1–3 d', 1, 0], ['3–7 d', 0, 1], ['7–30 d', 0, 0], ['30+ d', 0, 0],
    ]);
    expect(report.backlog.overdueByAge.map((b) => b.overdue)).to.deep.equal([0, 0, 1, 0, 0]);
  });

  it('causes over a week are counted per day, the commonest cause first', () => {
    expect(report.causes.slices).to.have.length(7);
    expect(report.causes.series).to.deep.equal([
      { category: 'refund', counts: [1, 0, 1, 0, 0, 0, 0] },
      { category: 'delivery', counts: [0, 1, 0, 0, 0, 0, 0] },
      { category: 'other', counts: [0, 0, 0, 0, 0, 1, 0] },
    ]);
    expect(report.names.categories['refund']).to.equal('REFUND');
  });

  it('every target is checked against its actual; a figure with no data is neither met nor missed', () => {
    const check = (scope: string, subject: string, metric: string) => report.targets.find((t) => t.scope === scope && t.subject === subject && t.metric === metric);
    expect(check('desk', '', 'onTimeShare')).to.include({ actual: 0.5, target: 0.95, met: false, direction: 'atLeast' });
    expect(check('desk', '', 'medianAckMinutes')).to.include({ actual: 4, met: true, direction: 'atMost' });
    expect(check('desk', '', 'reopenRate')?.met).to.equal(false);
    // refunds has its own target; logistics is held to the desk's
    expect(check('department', 'refunds', 'onTimeShare')).to.include({ target: 0.5, met: true });
    expect(check('department', 'refunds', 'medianAckMinutes')).to.equal(undefined);
    expect(check('department', 'logistics', 'medianAckMinutes')).to.include({ actual: 10, met: false });
    expect(check('department', 'logistics', 'reopenRate')).to.include({ actual: null, met: null });
    expect(check('employee', 'alice@org.test', 'onTimeShare')?.met).to.equal(false);
    expect(check('employee', 'bob@org.test', 'onTimeShare')?.met).to.equal(true);
  });

  it('a period with no cases gives no figures rather than zeros', () => {
    const empty = buildReport({ cases: [], changes: [], acknowledgements: [], decisions: [], actions: [] }, { ...SAMPLE_SETTINGS, period: PERIOD });
    expect(empty.desk.current).to.include({ cases: 0, onTimeShare: null, medianAckMinutes: null, reopenRate: null });
  });
});

// A hand-made week of cases for the KPI report tests; the expected figures in the tests are worked
// out by hand from these rows (see the comments beside each case).
import type { ReportRows } from '../../src/reports/report-rows';
import type { ReportSettings } from '../../src/reports/kpi-report';

const c = (id: number, category: string | null, department: string | null, client: string, receivedAt: string, deadlineAt: string, status: string) =>
  ({ id, number: `C-${id}`, status, category, department, clientAddress: client, receivedAt, deadlineAt });

export const PERIOD = { from: new Date('2026-11-01T00:00:00Z'), to: new Date('2026-11-08T00:00:00Z') };

export const SAMPLE_ROWS: ReportRows = {
  cases: [
    // acknowledged after 2 min, decided after 48 h (on time), reopened, decided again
    c(1, 'refund', 'refunds', 'a@client.test', '2026-11-01T10:00:00Z', '2026-11-05T10:00:00Z', 'decided'),
    // acknowledged after 10 min, never decided: 4 days overdue at the period's end
    c(2, 'delivery', 'logistics', 'b@client.test', '2026-11-02T00:00:00Z', '2026-11-04T00:00:00Z', 'in_progress'),
    // a repeat (a@ wrote 2 days before), acknowledged after 4 min, decided after 24 h through approval
    c(3, 'refund', 'refunds', 'a@client.test', '2026-11-03T00:00:00Z', '2026-11-10T00:00:00Z', 'decided'),
    // received long before, overdue in the previous period, decided late in this one after 312 h
    c(4, 'refund', 'refunds', 'c@client.test', '2026-10-20T00:00:00Z', '2026-10-30T00:00:00Z', 'decided'),
    // its acknowledgement held back; open, 2 days old, within its term
    c(5, null, null, 'd@client.test', '2026-11-06T00:00:00Z', '2026-11-20T00:00:00Z', 'new'),
    // merged into another case: counted there, not here
    c(6, 'refund', 'refunds', 'e@client.test', '2026-11-05T00:00:00Z', '2026-11-15T00:00:00Z', 'merged'),
    // the previous period's one case: acknowledged after 30 min, decided after 24 h
    c(7, 'refund', 'refunds', 'f@client.test', '2026-10-28T00:00:00Z', '2026-11-05T00:00:00Z', 'decided'),
  ],
  changes: [
    { caseId: 1, at: '2026-11-02T09:00:00Z', to: 'in_progress' },
    { caseId: 1, at: '2026-11-03T10:00:00Z', to: 'decided' },
    { caseId: 1, at: '2026-11-04T10:00:00Z', to: 'reopened' },
    { caseId: 1, at: '2026-11-05T10:00:00Z', to: 'decided' },
    { caseId: 2, at: '2026-11-02T01:00:00Z', to: 'in_progress' },
    { caseId: 3, at: '2026-11-03T12:00:00Z', to: 'awaiting_approval' },
    { caseId: 3, at: '2026-11-04T00:00:00Z', to: 'decided' },
    { caseId: 4, at: '2026-11-02T00:00:00Z', to: 'decided' },
    { caseId: 6, at: '2026-11-05T01:00:00Z', to: 'merged' },
    { caseId: 7, at: '2026-10-29T00:00:00Z', to: 'decided' },
  ],
  acknowledgements: [
    { caseId: 1, sentAt: '2026-11-01T10:02:00Z' },
    { caseId: 2, sentAt: '2026-11-02T00:10:00Z' },
    { caseId: 3, sentAt: '2026-11-03T00:04:00Z' },
    { caseId: 7, sentAt: '2026-10-28T00:30:00Z' },
  ],
  decisions: [
    { caseId: 1, decidedBy: 'alice@org.test', state: 'issued', createdAt: '2026-11-03T10:00:00Z', resolvedAt: null },
    { caseId: 4, decidedBy: 'alice@org.test', state: 'issued', createdAt: '2026-11-02T00:00:00Z', resolvedAt: null },
    { caseId: 3, decidedBy: 'bob@org.test', state: 'returned', createdAt: '2026-11-03T06:00:00Z', resolvedAt: '2026-11-03T08:00:00Z' },
    { caseId: 3, decidedBy: 'bob@org.test', state: 'issued', createdAt: '2026-11-03T12:00:00Z', resolvedAt: '2026-11-04T00:00:00Z' },
  ],
  actions: [
    { caseId: 1, actor: 'alice@org.test', at: '2026-11-02T09:00:00Z' },
    { caseId: 4, actor: 'alice@org.test', at: '2026-11-02T00:00:00Z' },
    { caseId: 3, actor: 'Alice@org.test', at: '2026-11-03T01:00:00Z' },
    { caseId: 3, actor: 'carol@org.test', at: '2026-10-30T00:00:00Z' },
  ],
};

export const SAMPLE_SETTINGS: ReportSettings = {
  period: PERIOD,
  departments: [{ id: 'refunds', name: 'Refunds' }, { id: 'logistics', name: 'Logistics' }],
  employees: [
    { address: 'alice@org.test', name: 'Alice', department: 'refunds' },
    { address: 'bob@org.test', name: 'Bob', department: 'refunds' },
    { address: 'carol@org.test', name: 'Carol', department: 'logistics' },
  ],
  categoryName: (id) => id.toUpperCase(),
  targets: {
    desk: { onTimeShare: 0.95, medianAckMinutes: 5, reopenRate: 0.05 },
    departments: { refunds: { onTimeShare: 0.5 } },
    staff: { all: { onTimeShare: 0.9 } },
  },
  repeatWindowDays: 30,
};

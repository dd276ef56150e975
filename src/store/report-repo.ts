// The rows the KPI report is computed from (src/reports/report-rows.ts), in a handful of plain
// queries that run the same on SQLite and PostgreSQL. All figures are computed in src/reports/.
import type { Knex } from 'knex';
import type { ReportRows } from '../reports/report-rows';
import { OPEN_STATUSES } from './case-repo';

export interface ReportWindow {
  /** The report's end: nothing later is loaded. */
  to: string;
  /** The start of the previous period: a case changed since may count in either period. */
  since: string;
  /** Cases received from here on are loaded even if untouched since, for finding repeat complaints. */
  receivedSince: string;
}

interface CaseDb { id: number; number: string; status: string; category: string | null; department: string | null; client_address: string; received_at: string; deadline_at: string | null }

export async function loadReportRows(db: Knex, w: ReportWindow): Promise<ReportRows> {
  // A case counts if received in the window, changed in it (decided, say), or still open.
  const relevant = (): Knex.QueryBuilder => db('cases').where('received_at', '<', w.to)
    .andWhere((q) => q.where('received_at', '>=', w.receivedSince).orWhere('updated_at', '>=', w.since).orWhereIn('status', OPEN_STATUSES));
  const cases = (await relevant().orderBy('id').select('id', 'number', 'status', 'category', 'department', 'client_address', 'received_at', 'deadline_at')) as CaseDb[];
  const ids = () => relevant().select('id');
  const changes = (await db('history').where({ event: 'status_changed' }).andWhere('at', '<', w.to).whereIn('case_id', ids()).orderBy('id').select('case_id', 'at', 'details')) as Array<{ case_id: number; at: string; details: string | null }>;
  const acks = (await db('outbox').where({ kind: 'acknowledgement' }).whereNotNull('sent_at').whereIn('case_id', ids()).select('case_id', 'sent_at')) as Array<{ case_id: number; sent_at: string }>;
  const decisions = (await db('decisions').whereIn('case_id', ids()).orderBy('id').select('case_id', 'decided_by', 'state', 'created_at', 'resolved_at')) as Array<{ case_id: number; decided_by: string; state: string; created_at: string; resolved_at: string | null }>;
  const actions = (await db('history').whereNot({ actor: 'daemon' }).andWhere('at', '>=', w.since).andWhere('at', '<', w.to).select('case_id', 'actor', 'at')) as Array<{ case_id: number; actor: string; at: string }>;
  return {
    cases: cases.map((c) => ({ id: c.id, number: c.number, status: c.status, category: c.category, department: c.department, clientAddress: c.client_address, receivedAt: c.received_at, deadlineAt: c.deadline_at })),
    changes: changes.flatMap((h) => {
      const to = h.details === null ? undefined : (JSON.parse(h.details) as { to?: string }).to;
      return to === undefined ? [] : [{ caseId: h.case_id, at: h.at, to }];
    }),
    acknowledgements: acks.map((a) => ({ caseId: a.case_id, sentAt: a.sent_at })),
    decisions: decisions.map((d) => ({ caseId: d.case_id, decidedBy: d.decided_by, state: d.state, createdAt: d.created_at, resolvedAt: d.resolved_at })),
    actions: actions.map((a) => ({ caseId: a.case_id, actor: a.actor, at: a.at })),
  };
}

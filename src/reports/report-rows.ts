// What the KPI report is computed from: plain rows the store query loads (src/store/report-repo.ts),
// so every figure is a pure function of data a test can write by hand.

export interface ReportCase {
  id: number;
  number: string;
  /** Its status now; the report reconstructs the status at a past instant from `changes`. */
  status: string;
  category: string | null;
  department: string | null;
  clientAddress: string;
  receivedAt: string;
  deadlineAt: string | null;
}

/** A status change from the case history (event status_changed), oldest first per case. */
export interface StatusChange {
  caseId: number;
  at: string;
  to: string;
}

/** The acknowledgement letter of a case as the mail server took it. */
export interface Acknowledgement {
  caseId: number;
  sentAt: string;
}

export interface DecisionEntry {
  caseId: number;
  decidedBy: string;
  /** issued | returned | awaiting_approval */
  state: string;
  createdAt: string;
  resolvedAt: string | null;
}

/** A person's (not the daemon's) entry on a case history: a command, a letter, a note. */
export interface StaffAction {
  caseId: number;
  actor: string;
  at: string;
}

export interface ReportRows {
  cases: ReportCase[];
  changes: StatusChange[];
  acknowledgements: Acknowledgement[];
  decisions: DecisionEntry[];
  actions: StaffAction[];
}

export interface Period {
  from: Date;
  to: Date;
}

/** The period of the same length just before `p`, which the report compares against. */
export function previousPeriod(p: Period): Period {
  const length = p.to.getTime() - p.from.getTime();
  return { from: new Date(p.from.getTime() - length), to: p.from };
}

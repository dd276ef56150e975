// What classification decided about a complaint's cause, and the evidence for it: stored on the case
// and shown in its history, so staff can see why a case got its category.

export type VerdictSource = 'rule' | 'classifier' | 'default';

export interface RuleEvidence {
  kind: 'rule';
  ruleId: string;
  /** Human-readable matched terms, e.g. ["возврат (body)", "refund (subject)"]. */
  matched: string[];
}

export interface ClassifierEvidence {
  kind: 'classifier';
  /** Terms that pushed the score for the chosen category most, highest first. */
  topTerms: Array<{ term: string; weight: number }>;
  /** The runner-up category and its probability, for a reviewer. */
  runnerUp: { category: string; confidence: number } | null;
}

export interface DefaultEvidence {
  kind: 'default';
  reason: string;
}

export interface CategoryVerdict {
  category: string;
  department: string | null;
  /** Overrides a rule may set; null means "use the category's / config's default". */
  priority: string | null;
  deadlineDays: number | null;
  source: VerdictSource;
  /** 1 for a rule; the classifier's probability otherwise. */
  confidence: number;
  needsReview: boolean;
  evidence: RuleEvidence | ClassifierEvidence | DefaultEvidence;
  /** One line for the case history, e.g. "rule refund-ru matched: возврат (body)". */
  reason: string;
}

/** What classification looks at: taken from the ParsedMessage by the pipeline. */
export interface CategorizeInput {
  subject: string;
  text: string;
  fromAddress: string;
  headers: Record<string, string[]>;
  attachmentNames: string[];
}

// The outcomes a decision on a complaint can have. Configuration names them (which ones need a
// supervisor's approval), staff commands set them, and reports count them: one closed list for all.

export const DECISION_OUTCOMES = ['accepted', 'partial', 'rejected'] as const;

export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];


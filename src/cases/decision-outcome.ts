// The outcomes a decision on a complaint can have. Configuration names them (which ones need a
// supervisor's approval), staff commands set them, and reports count them: one closed list for all.
import type { LocalizedText } from '../templates/localized-text';

export const DECISION_OUTCOMES = ['accepted', 'partial', 'rejected'] as const;

export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];

export const OUTCOME_LABELS: { readonly [O in DecisionOutcome]: LocalizedText } = {
  accepted: { en: 'accepted', ru: 'удовлетворить' },
  partial: { en: 'partially accepted', ru: 'удовлетворить частично' },
  rejected: { en: 'rejected', ru: 'отказать' },
};

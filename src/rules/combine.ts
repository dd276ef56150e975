// Pure: decides a case's category from the rules and the learned classifier in the configured order,
// and writes down why in one line for the case history. Nothing here reads files or the clock.
import { DEFAULT_CATEGORY } from './categories';
import type { Category } from './categories';
import { matchRules } from './match';
import type { RuleMatch } from './match';
import type { CategoryPrediction, CategoryPredictor } from './predictor';
import type { RuleSet } from './rule-set';
import type { CategorizeInput, CategoryVerdict } from './verdict';

/**
 * rules-first: a matching rule decides; otherwise the classifier; otherwise the default category.
 * classifier-first: a confident classifier decides; otherwise a matching rule; otherwise the classifier's
 *   unsure guess (flagged for review); otherwise the default category.
 * rules-only / classifier-only: the other source is never consulted.
 */
export const COMBINE_MODES = ['rules-first', 'classifier-first', 'rules-only', 'classifier-only'] as const;
export type CombineMode = (typeof COMBINE_MODES)[number];

export interface CombineOptions {
  mode: CombineMode;
  /** A classifier verdict below this probability is used only with needsReview. */
  minConfidence: number;
}

export const DEFAULT_COMBINE_OPTIONS: Readonly<CombineOptions> = Object.freeze({ mode: 'rules-first', minConfidence: 0.5 });

const MAX_REASON_TERMS = 5;

export function categorize(
  input: CategorizeInput,
  ruleSet: RuleSet,
  predictor: CategoryPredictor | null,
  options: Partial<CombineOptions> = {},
): CategoryVerdict {
  const { mode, minConfidence } = { ...DEFAULT_COMBINE_OPTIONS, ...options };
  const useRules = mode !== 'classifier-only';
  const activePredictor = mode === 'rules-only' ? null : predictor;

  const ruleMatch = useRules ? matchRules(ruleSet, input) : null;
  // Asked at most once, and only when its answer can matter.
  let prediction: CategoryPrediction | null | undefined;
  const predict = (): CategoryPrediction | null => {
    if (prediction === undefined) prediction = activePredictor ? activePredictor.predict(predictorText(input)) : null;
    return prediction;
  };
  const known = (p: CategoryPrediction | null): p is CategoryPrediction => p !== null && ruleSet.categories.categories.has(p.category);

  if (mode === 'classifier-first') {
    const p = predict();
    if (known(p) && confidenceOf(p) >= minConfidence) return fromClassifier(ruleSet, p, minConfidence);
  }
  if (ruleMatch) return fromRule(ruleSet, ruleMatch);
  const p = predict();
  if (known(p)) return fromClassifier(ruleSet, p, minConfidence);
  return fromDefault(ruleSet, defaultReason(mode, activePredictor !== null, p));
}

/** The text the classifier sees: the same subject and body the rules see. */
export function predictorText(input: CategorizeInput): string {
  return `${input.subject}\n\n${input.text}`;
}

function fromRule(ruleSet: RuleSet, match: RuleMatch): CategoryVerdict {
  const { rule } = match;
  const category = categoryOf(ruleSet, rule.category);
  const terms = match.matched.slice(0, MAX_REASON_TERMS).join(', ') + (match.matched.length > MAX_REASON_TERMS ? ', …' : '');
  const also = match.alsoMatched.length > 0 ? `; also matched ${match.alsoMatched.join(', ')}` : '';
  return {
    category: rule.category,
    department: rule.department ?? category.department,
    priority: rule.priority ?? category.priority,
    deadlineDays: rule.deadlineDays ?? category.deadlineDays,
    source: 'rule',
    confidence: 1,
    needsReview: false,
    evidence: { kind: 'rule', ruleId: rule.id, matched: match.matched },
    reason: `rule ${rule.id} matched: ${terms}${also}`,
  };
}

function fromClassifier(ruleSet: RuleSet, p: CategoryPrediction, minConfidence: number): CategoryVerdict {
  const category = categoryOf(ruleSet, p.category);
  const confidence = confidenceOf(p);
  const isUnsure = confidence < minConfidence;
  const terms = p.topTerms.slice(0, MAX_REASON_TERMS).map((t) => t.term);
  const parts = [
    `classifier chose ${p.category} at ${percent(confidence)}`,
    terms.length > 0 ? `top terms: ${terms.join(', ')}` : null,
    p.runnerUp ? `runner-up ${p.runnerUp.category} at ${percent(p.runnerUp.confidence)}` : null,
    isUnsure ? `below the ${percent(minConfidence)} threshold, needs review` : null,
  ];
  return {
    ...categoryDefaults(category),
    source: 'classifier',
    confidence,
    needsReview: isUnsure,
    evidence: { kind: 'classifier', topTerms: p.topTerms, runnerUp: p.runnerUp },
    reason: parts.filter((x) => x !== null).join('; '),
  };
}

function fromDefault(ruleSet: RuleSet, reason: string): CategoryVerdict {
  return {
    ...categoryDefaults(categoryOf(ruleSet, DEFAULT_CATEGORY)),
    source: 'default',
    confidence: 0,
    needsReview: true,
    evidence: { kind: 'default', reason },
    reason,
  };
}

function defaultReason(mode: CombineMode, hasPredictor: boolean, p: CategoryPrediction | null): string {
  const unknown = `the classifier predicted unknown category "${p?.category ?? ''}"`;
  const why =
    mode === 'rules-only'
      ? 'no rule matched (rules-only mode)'
      : mode === 'classifier-only'
        ? hasPredictor
          ? unknown
          : 'classifier-only mode but no classifier is available'
        : hasPredictor
          ? `no rule matched and ${unknown}`
          : 'no rule matched and no classifier is available';
  return `${why}; defaulted to ${DEFAULT_CATEGORY}, needs review`;
}

function categoryDefaults(category: Category): Pick<CategoryVerdict, 'category' | 'department' | 'priority' | 'deadlineDays'> {
  return { category: category.id, department: category.department, priority: category.priority, deadlineDays: category.deadlineDays };
}

/** Rule categories are checked at load time and classifier ones before use; "other" is required. */
function categoryOf(ruleSet: RuleSet, id: string): Category {
  const category = ruleSet.categories.categories.get(id);
  if (!category) throw new Error(`category "${id}" is not in ${ruleSet.categories.file}`);
  return category;
}

/** A misbehaving predictor (NaN, >1) must not make an unsure guess look confident. */
function confidenceOf(p: CategoryPrediction): number {
  return Number.isFinite(p.confidence) ? Math.min(1, Math.max(0, p.confidence)) : 0;
}

function percent(x: number): string {
  return `${Math.round(x * 100)}%`;
}

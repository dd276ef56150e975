// Pure: which rule decides a message's category, and the words that made it fire. The winner is the
// first matching rule in the set's order (precedence, then load order); other matches are kept as notes.
import { MessageView } from './message-view';
import type { Segment } from './message-view';
import type { Condition, Rule, RuleSet, Term, TermPart } from './rule-set';
import type { CategorizeInput } from './verdict';

export interface RuleMatch {
  rule: Rule;
  /** Evidence, e.g. ["возврата (body)", "refund (subject)"]: the words as found in the message. */
  matched: string[];
  /** Ids of lower-ranked rules that matched too, for a reviewer wondering why they did not win. */
  alsoMatched: string[];
}

const MAX_EVIDENCE_CHARS = 60;

export function matchRules(ruleSet: RuleSet, input: CategorizeInput): RuleMatch | null {
  const view = new MessageView(input);
  let winner: RuleMatch | null = null;
  for (const rule of ruleSet.rules) {
    const matched = evaluateRule(rule, view);
    if (!matched) continue;
    if (winner) winner.alsoMatched.push(rule.id);
    else winner = { rule, matched, alsoMatched: [] };
  }
  return winner;
}

/** One rule on its own, ignoring the others: its evidence, or null when it does not match. */
export function matchRule(rule: Rule, input: CategorizeInput): string[] | null {
  return evaluateRule(rule, new MessageView(input));
}

function evaluateRule(rule: Rule, view: MessageView): string[] | null {
  const evidence: string[] = [];
  for (const condition of rule.all) {
    const found = evaluateCondition(condition, view);
    if (found.length === 0) return null;
    evidence.push(...found);
  }
  if (rule.any.length > 0) {
    const found = rule.any.flatMap((condition) => evaluateCondition(condition, view));
    if (found.length === 0) return null;
    evidence.push(...found);
  }
  if (rule.none.some((condition) => evaluateCondition(condition, view).length > 0)) return null;
  return [...new Set(evidence)];
}

/** Evidence for every term of the condition found in the message; empty when none is. */
function evaluateCondition(condition: Condition, view: MessageView): string[] {
  const { matcher } = condition;
  const evidence: string[] = [];
  for (const segment of view.segments(condition.field)) {
    if (matcher.kind === 'terms') {
      for (const term of matcher.terms) {
        const at = findTerm(segment, term);
        if (at >= 0) evidence.push(describe(segment.words.slice(at, at + term.parts.length).join(' '), segment));
      }
    } else if (matcher.kind === 'values') {
      for (const value of matcher.values) {
        if (isSameValue(condition.field, segment.raw, value)) evidence.push(describe(value, segment));
      }
    } else {
      const found = matcher.regex.exec(segment.raw);
      if (found) evidence.push(describe(found[0], segment));
    }
  }
  return evidence;
}

/** Position where the term's parts appear adjacent and in order, or -1. */
function findTerm(segment: Segment, term: Term): number {
  return termPositions(segment, term)[0] ?? -1;
}

/** Every position, in order, where the term's parts appear adjacent and in order (alerts need them all). */
export function termPositions(segment: Segment, term: Term): number[] {
  const [first, ...rest] = term.parts;
  if (!first) return [];
  const starts = first.kind === 'stem' ? segment.positionsOf(first.stem) : segment.positionsOfPrefix(first.prefix);
  return starts.filter((start) => rest.every((part, k) => isPartAt(segment, start + 1 + k, part)));
}

function isPartAt(segment: Segment, index: number, part: TermPart): boolean {
  if (part.kind === 'stem') return segment.stems[index] === part.stem;
  return segment.words[index]?.startsWith(part.prefix) ?? false;
}

/** An address matches itself; a domain matches itself and its subdomains (mail.example.com for example.com). */
function isSameValue(field: string, found: string, value: string): boolean {
  if (field === 'from') return found === value;
  return found === value || found.endsWith(`.${value}`);
}

/** On one line and short: evidence ends up in the one-line reason on the case history. */
function describe(raw: string, segment: Segment): string {
  const found = raw.replace(/\s+/g, ' ');
  const text = found.length > MAX_EVIDENCE_CHARS ? `${found.slice(0, MAX_EVIDENCE_CHARS - 1)}…` : found;
  return `${text} (${segment.where})`;
}

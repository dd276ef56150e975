// Pure: runs every rule's examples against the whole set, making the examples in the rule files an
// executable specification (ZoneMTA's bounces.txt idea) that `rules test` and the test suite enforce.
//
// An example passes when its own rule wins for it: not merely its category, because a different rule
// can carry different priority/department overrides and because a winning neighbour hides the fact that
// this rule has stopped matching. A counter-example passes when its own rule, taken alone, does not
// match it; the other rules may classify it however they like.
import { matchRule, matchRules } from './match';
import type { Rule, RuleExample, RuleSet } from './rule-set';
import type { CategorizeInput } from './verdict';

export interface ExampleFailure {
  ruleId: string;
  kind: 'example' | 'counter-example';
  file: string;
  line: number;
  /** The start of the example, on one line. */
  preview: string;
  /** Why it failed, e.g. "won by delivery-ru (delivery)" or "matched: возврат (body)". */
  problem: string;
}

export interface ExampleReport {
  ruleCount: number;
  exampleCount: number;
  counterExampleCount: number;
  failures: ExampleFailure[];
}

const PREVIEW_CHARS = 70;

export function checkExamples(ruleSet: RuleSet): ExampleReport {
  const report: ExampleReport = { ruleCount: ruleSet.rules.length, exampleCount: 0, counterExampleCount: 0, failures: [] };
  for (const rule of loadOrder(ruleSet)) {
    report.exampleCount += rule.examples.length;
    report.counterExampleCount += rule.counterExamples.length;
    report.failures.push(...checkRuleExamples(ruleSet, rule));
  }
  return report;
}

export function checkRuleExamples(ruleSet: RuleSet, rule: Rule): ExampleFailure[] {
  const failures: ExampleFailure[] = [];
  const fail = (kind: ExampleFailure['kind'], example: RuleExample, problem: string): void =>
    void failures.push({ ruleId: rule.id, kind, file: rule.file, line: example.line, preview: previewOf(example.input), problem });

  for (const example of rule.examples) {
    const winner = matchRules(ruleSet, example.input);
    if (!winner) fail('example', example, 'no rule matched');
    else if (winner.rule.id !== rule.id) {
      const own = winner.alsoMatched.includes(rule.id) ? ' (this rule matched too but ranks lower)' : '';
      fail('example', example, `won by ${winner.rule.id} (${winner.rule.category})${own}`);
    }
  }
  for (const example of rule.counterExamples) {
    const matched = matchRule(rule, example.input);
    if (matched) fail('counter-example', example, `matched: ${matched.join(', ')}`);
  }
  return failures;
}

/** Failures are easier to fix in the order the admin reads the files than in evaluation order. */
function loadOrder(ruleSet: RuleSet): Rule[] {
  const fileIndex = new Map(ruleSet.files.map((f, i) => [f, i]));
  return [...ruleSet.rules].sort((a, b) => (fileIndex.get(a.file) ?? 0) - (fileIndex.get(b.file) ?? 0) || a.line - b.line);
}

function previewOf(input: CategorizeInput): string {
  const headers = Object.entries(input.headers).flatMap(([name, values]) => values.map((v) => `${name}: ${v}`));
  const text = [input.subject, input.text, input.fromAddress, ...headers, ...input.attachmentNames]
    .filter((part) => part.length > 0)
    .join(' | ')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > PREVIEW_CHARS ? `${text.slice(0, PREVIEW_CHARS - 1)}…` : text;
}

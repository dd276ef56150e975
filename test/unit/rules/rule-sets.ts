// Builders for the rules tests: rule sets from plain objects (YAML is a superset of JSON, so they go
// through the same loader as admin files) and messages with only the parts a test cares about.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseCategories } from '../../../src/rules/categories';
import { buildRuleSet } from '../../../src/rules/load-rules';
import { RuleFileError, formatProblem } from '../../../src/rules/rule-file-error';
import type { RuleSet } from '../../../src/rules/rule-set';
import type { CategorizeInput } from '../../../src/rules/verdict';

export const FIXTURES = path.join(__dirname, '../../fixtures/rules');

const categoriesFile = path.join(FIXTURES, 'categories.yaml');

/** refund (refunds desk, high, 10 days), delivery (logistics, normal, 7), other (care, low, 30). */
export const testCategories = parseCategories(categoriesFile, readFileSync(categoriesFile, 'utf8'));

export function ruleSetFrom(...rules: Array<Record<string, unknown>>): RuleSet {
  const filled = rules.map((r) => ({ description: 'a test rule', examples: ['unused'], ...r }));
  return buildRuleSet([{ file: 'inline.yaml', text: JSON.stringify({ rules: filled }) }], testCategories);
}

export function message(parts: Partial<CategorizeInput>): CategorizeInput {
  return { subject: '', text: '', fromAddress: 'client@example.test', headers: {}, attachmentNames: [], ...parts };
}

/** The `file:line: message` lines of the RuleFileError that `action` throws or rejects with. */
export async function problemLines(action: () => unknown): Promise<string[]> {
  try {
    await action();
  } catch (err) {
    if (err instanceof RuleFileError) return err.problems.map(formatProblem);
    throw err;
  }
  throw new Error('expected a RuleFileError, but nothing was thrown');
}

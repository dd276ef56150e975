// Loads every rules file of a folder as one set: the set is used whole or not at all, so a bad edit
// in one file can never leave the daemon running with half of its rules.
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import type { CategorySet } from './categories';
import { compileRule } from './compile-rule';
import { RuleFileError } from './rule-file-error';
import type { FileProblem } from './rule-file-error';
import { ruleFileSchema, ruleSchema } from './rule-schema';
import type { Rule, RuleSet } from './rule-set';
import { problemAt, readYaml, schemaProblems } from '../config/yaml-source';

export interface RuleFileText {
  file: string;
  text: string;
}

export function isRuleFileName(name: string): boolean {
  return /\.ya?ml$/i.test(name) && !name.startsWith('.');
}

/** Load order decides ties in precedence, so it must not depend on the locale or the file system. */
export function sortRuleFileNames(names: readonly string[]): string[] {
  return names.filter(isRuleFileName).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export async function loadRuleSet(rulesDir: string, categories: CategorySet): Promise<RuleSet> {
  let names: string[];
  try {
    names = sortRuleFileNames(await readdir(rulesDir));
  } catch (err) {
    throw new RuleFileError([{ file: rulesDir, line: 0, message: `cannot read rules folder: ${(err as Error).message}` }]);
  }
  const problems: FileProblem[] = [];
  const files: RuleFileText[] = [];
  for (const name of names) {
    const file = path.join(rulesDir, name);
    try {
      files.push({ file, text: await readFile(file, 'utf8') });
    } catch (err) {
      problems.push({ file, line: 0, message: `cannot read rules file: ${(err as Error).message}` });
    }
  }
  if (problems.length > 0) throw new RuleFileError(problems);
  return buildRuleSet(files, categories);
}

/** Pure: validates and compiles rule files given in load order; throws RuleFileError listing every problem. */
export function buildRuleSet(files: readonly RuleFileText[], categories: CategorySet): RuleSet {
  const problems: FileProblem[] = [];
  const loaded: Rule[] = [];
  const firstSeen = new Map<string, string>();
  for (const { file, text } of files) {
    const source = readYaml(file, text);
    problems.push(...source.problems);
    if (source.problems.length > 0) continue;
    // An empty file (or one with only comments) is a file with no rules yet, not an error.
    const parsed = ruleFileSchema.safeParse(source.data ?? {});
    if (!parsed.success) {
      problems.push(...schemaProblems(source, parsed.error));
      continue;
    }
    parsed.data.rules.forEach((item, i) => {
      const at = ['rules', i];
      const valid = ruleSchema.safeParse(item);
      if (!valid.success) {
        problems.push(...schemaProblems(source, valid.error, at));
        return;
      }
      const raw = valid.data;
      const { rule, problems: ruleProblems } = compileRule(raw, at, source, categories);
      problems.push(...ruleProblems);
      const earlier = firstSeen.get(raw.id);
      if (earlier !== undefined) {
        problems.push(problemAt(source, ['rules', i, 'id'], `duplicate rule id "${raw.id}" (first defined at ${earlier})`));
      } else {
        firstSeen.set(raw.id, `${file}:${source.lineOf(at)}`);
      }
      if (rule) loaded.push(rule);
    });
  }
  if (problems.length > 0) throw new RuleFileError(problems);
  // Array.prototype.sort is stable, so equal precedence keeps load order.
  const rules = [...loaded].sort((a, b) => b.precedence - a.precedence);
  return Object.freeze({ rules: Object.freeze(rules), categories, files: Object.freeze(files.map((f) => f.file)) });
}

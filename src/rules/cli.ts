// `complaintd rules test` and `complaintd rules list`: let an admin check an edited rule set and its
// examples before the daemon reloads it. src/cli.ts wires this in; nothing here runs on import.
import type { Command } from 'commander';
import { loadCategories } from './categories';
import { checkExamples } from './check-examples';
import type { ExampleFailure } from './check-examples';
import { loadRuleSet } from './load-rules';
import type { Rule, RuleSet } from './rule-set';
import { isTruncated, listingFooter, positiveInteger, writeListing } from '../command-line/listing';

export interface RulesPaths {
  rulesDir: string;
  categoriesFile: string;
}

/** Where output goes; tests pass their own, the real CLI writes to the process. */
export interface RulesCliOutput {
  out(line: string): void;
  setExitCode(code: number): void;
}

const processOutput: RulesCliOutput = {
  out: (line) => void process.stdout.write(`${line}\n`),
  setExitCode: (code) => void (process.exitCode = code),
};

/** A set that fails to load throws RuleFileError, whose message lists every problem as file:line. */
export function registerRulesCommands(
  program: Command,
  resolvePaths: () => Promise<RulesPaths>,
  output: RulesCliOutput = processOutput,
): void {
  const load = async (): Promise<RuleSet> => {
    const paths = await resolvePaths();
    return loadRuleSet(paths.rulesDir, await loadCategories(paths.categoriesFile));
  };
  const rules = program.command('rules').description('check and list the classification rules');

  rules
    .command('test')
    .description("run every rule's examples and counter-examples; exit code 1 if any fails")
    .action(async () => {
      const report = checkExamples(await load());
      report.failures.forEach((f) => output.out(formatFailure(f)));
      const total = report.exampleCount + report.counterExampleCount;
      const counts = `${count(report.exampleCount, 'example')} and ${count(report.counterExampleCount, 'counter-example')} in ${count(report.ruleCount, 'rule')}`;
      if (report.failures.length > 0) {
        output.out(`rules test: ${report.failures.length} of ${total} failed (${counts})`);
        output.setExitCode(1);
      } else {
        output.out(`rules test: all ${total} passed (${counts})`);
      }
    });

  rules
    .command('list')
    .description('list the rules in the order they are tried')
    .option('--limit <n>', 'at most this many (default: all)', positiveInteger)
    .option('--json', 'one JSON object per line')
    .action(async (opts: { limit?: number; json?: boolean }) => {
      const ruleSet = await load();
      const shown = ruleSet.rules.slice(0, opts.limit ?? ruleSet.rules.length);
      if (opts.json) {
        writeListing({ rows: shown, total: ruleSet.rules.length, noun: 'rules', json: true, line: () => '', record: ruleRecord }, { out: output.out, err: (l) => void process.stderr.write(`${l}\n`) });
        return;
      }
      const rows = shown.map(listRow);
      const widths = [0, 1, 2, 3].map((col) => Math.max(...rows.map((r) => r[col]?.length ?? 0)));
      rows.forEach((r) => output.out(r.map((cell, col) => cell.padEnd(widths[col] ?? 0)).join('  ').trimEnd()));
      const total = ruleSet.rules.length;
      output.out(isTruncated(rows.length, total) ? listingFooter(rows.length, total, 'rules') : `${count(total, 'rule')} from ${count(ruleSet.files.length, 'file')}`);
    });
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function formatFailure(f: ExampleFailure): string {
  return `FAIL ${f.file}:${f.line} ${f.ruleId} ${f.kind} "${f.preview}": ${f.problem}`;
}

function ruleRecord(rule: Rule): object {
  return { id: rule.id, category: rule.category, precedence: rule.precedence, priority: rule.priority, department: rule.department, deadlineDays: rule.deadlineDays, file: rule.file, line: rule.line, description: rule.description };
}

/** id, category, precedence and overrides, location, description. */
function listRow(rule: Rule): string[] {
  const overrides = [
    `precedence ${rule.precedence}`,
    rule.priority ? `priority ${rule.priority}` : null,
    rule.department ? `department ${rule.department}` : null,
    rule.deadlineDays !== null ? `deadline ${rule.deadlineDays}d` : null,
  ];
  return [rule.id, rule.category, overrides.filter((x) => x !== null).join(', '), `${rule.file}:${rule.line}`, rule.description];
}

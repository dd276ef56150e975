// A rules, categories, calendar or phrase-list file that cannot be used: every problem is collected and
// reported as `file:line: message`, so an admin fixes them all in one pass and the daemon keeps its last good set.

import type { FileProblem } from '../config/yaml-source';

export type { FileProblem };

export function formatProblem(problem: FileProblem): string {
  return `${problem.file}:${problem.line}: ${problem.message}`;
}

export class RuleFileError extends Error {
  readonly problems: readonly FileProblem[];

  /** `files` names what was read, for the first line of the message ("the calendar file"). */
  constructor(problems: readonly FileProblem[], files = 'rule files') {
    // The YAML parser can report one mistake twice; an admin needs to read it once.
    const unique = [...new Map(problems.map((p) => [formatProblem(p), p])).values()];
    const sorted = unique.sort(byFileThenLine);
    const noun = sorted.length === 1 ? 'problem' : 'problems';
    super(`${sorted.length} ${noun} in ${files}:\n${sorted.map(formatProblem).join('\n')}`);
    this.name = 'RuleFileError';
    this.problems = Object.freeze(sorted);
  }
}

function byFileThenLine(a: FileProblem, b: FileProblem): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.line - b.line;
}

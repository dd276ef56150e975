// Quoting pattern files that cannot be used: every problem is collected and reported as
// `file:line: message`, so an admin fixes them all in one pass before the daemon starts.
import type { FileProblem } from '../config/yaml-source';
import { formatProblem } from '../rules/rule-file-error';

export class QuotingPatternError extends Error {
  readonly problems: readonly FileProblem[];

  constructor(problems: readonly FileProblem[]) {
    // The YAML parser can report one mistake twice; an admin needs to read it once.
    const unique = [...new Map(problems.map((p) => [formatProblem(p), p])).values()];
    const sorted = unique.sort((a, b) => (a.file !== b.file ? (a.file < b.file ? -1 : 1) : a.line - b.line));
    const noun = sorted.length === 1 ? 'problem' : 'problems';
    super(`${sorted.length} ${noun} in quoting pattern files:\n${sorted.map(formatProblem).join('\n')}`);
    this.name = 'QuotingPatternError';
    this.problems = Object.freeze(sorted);
  }
}

// A configuration problem a person must fix: each one names where it is (file or environment
// variable, key path, line) so the admin does not have to guess.

export interface ConfigProblem {
  /** File path, or "env COMPLAINTD__..." for an environment override. */
  source: string;
  /** Dotted key path, e.g. "imap.port". */
  keyPath: string;
  /** 1-based line in the source file, when known. */
  line: number | null;
  message: string;
}

export function formatProblem(p: ConfigProblem): string {
  const where = p.line === null ? p.source : `${p.source}:${p.line}`;
  return `${where}: ${p.keyPath || '(top level)'}: ${p.message}`;
}

export class ConfigError extends Error {
  constructor(readonly problems: ConfigProblem[]) {
    super(`invalid configuration:\n${problems.map((p) => `  ${formatProblem(p)}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

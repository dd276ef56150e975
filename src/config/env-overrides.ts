// COMPLAINTD__SECTION__KEY=value overrides one key. Names match keys case-insensitively
// (COMPLAINTD__IMAP__PASSWORDFILE sets imap.passwordFile); values are read as YAML scalars, so
// numbers and booleans keep their types and lists can be written as [a, b].
import { parse } from 'yaml';
import type { ConfigProblem } from './errors';

export interface EnvOverride {
  variable: string;
  path: string[];
}

const PREFIX = 'COMPLAINTD__';

export function applyEnvOverrides(
  base: unknown,
  env: NodeJS.ProcessEnv,
): { value: unknown; applied: EnvOverride[]; problems: ConfigProblem[] } {
  const value = structuredClone(base) as Record<string, unknown>;
  const applied: EnvOverride[] = [];
  const problems: ConfigProblem[] = [];
  for (const [variable, raw] of Object.entries(env)) {
    if (!variable.startsWith(PREFIX) || raw === undefined) continue;
    const parts = variable.slice(PREFIX.length).split('__');
    const resolved = resolvePath(value, parts);
    if (!resolved) {
      problems.push({ source: `env ${variable}`, keyPath: parts.join('.').toLowerCase(), line: null, message: 'no such configuration key' });
      continue;
    }
    // A key that is a string by default stays a string: a numeric password must not become a number.
    const current = getPath(value, resolved);
    setPath(value, resolved, typeof current === 'string' ? raw : parseValue(raw));
    applied.push({ variable, path: resolved });
  }
  return { value, applied, problems };
}

function resolvePath(root: Record<string, unknown>, parts: string[]): string[] | null {
  const out: string[] = [];
  let cur: unknown = root;
  for (const part of parts) {
    if (typeof cur !== 'object' || cur === null || Array.isArray(cur)) return null;
    const key = Object.keys(cur).find((k) => k.toLowerCase() === part.toLowerCase());
    if (key === undefined) return null;
    out.push(key);
    cur = (cur as Record<string, unknown>)[key];
  }
  return out;
}

function getPath(root: Record<string, unknown>, keys: string[]): unknown {
  let cur: unknown = root;
  for (const key of keys) cur = (cur as Record<string, unknown>)[key];
  return cur;
}

function setPath(root: Record<string, unknown>, keys: string[], v: unknown): void {
  let cur = root;
  for (const key of keys.slice(0, -1)) cur = cur[key] as Record<string, unknown>;
  cur[keys[keys.length - 1] as string] = v;
}

function parseValue(raw: string): unknown {
  try {
    const parsed: unknown = parse(raw);
    return parsed === null ? '' : parsed;
  } catch {
    return raw;
  }
}

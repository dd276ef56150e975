// Builds the live configuration: the commented default file, then a local file key by key, then
// COMPLAINTD__SECTION__KEY environment variables, validated as a whole by the one schema. Relative
// paths come out absolute (see path-keys.ts), so nothing downstream depends on the working folder.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { configSchema, type AppConfig } from './schema';
import { ConfigError, type ConfigProblem } from './errors';
import { readYaml, type YamlSource } from './yaml-source';
import { packageRoot } from './package-root';
import { applyEnvOverrides, type EnvOverride } from './env-overrides';
import { resolvePathKeys, type PathKey } from './path-keys';

export interface LoadOptions {
  /** The local override file; when undefined, COMPLAINTD_CONFIG or ./config/local.yaml if present. */
  localFile?: string;
  env?: NodeJS.ProcessEnv;
  /** For tests: a default file other than the shipped one. */
  defaultFile?: string;
}

export interface LoadedConfig {
  config: AppConfig;
  /** The files read, in order of precedence (lowest first), for `check-config` to show. */
  files: string[];
}

export function defaultConfigFile(): string {
  return path.join(packageRoot(), 'config', 'default.yaml');
}

export function loadConfig(options: LoadOptions = {}): LoadedConfig {
  const env = options.env ?? process.env;
  const sources: YamlSource[] = [readSource(options.defaultFile ?? defaultConfigFile())];
  const localFile = options.localFile ?? (env.COMPLAINTD_CONFIG || undefined) ?? (existsSync('config/local.yaml') ? 'config/local.yaml' : undefined);
  if (localFile) sources.push(readSource(localFile));

  let merged: unknown = {};
  for (const source of sources) merged = mergeDeep(merged, source.data ?? {});
  const overrides = applyEnvOverrides(merged, env);
  if (overrides.problems.length > 0) throw new ConfigError(overrides.problems);
  resolvePathKeys(overrides.value, (key) => baseFolder(key, sources, overrides.applied, process.cwd()));

  const result = configSchema.safeParse(overrides.value);
  if (!result.success) {
    throw new ConfigError(result.error.issues.flatMap((issue) => locateIssue(issue, sources, overrides.applied)));
  }
  const config = resolveSecrets(result.data, sources);
  return { config, files: sources.map((s) => s.file) };
}

interface Issue {
  path: PropertyKey[];
  message: string;
  code: string;
  keys?: string[];
}

function locateIssue(issue: Issue, sources: YamlSource[], env: EnvOverride[]): ConfigProblem[] {
  const base = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  // An unknown key is reported at the key itself, not at its parent object.
  if (issue.code === 'unrecognized_keys' && issue.keys) {
    return issue.keys.map((key) => locateKey([...base, key], `unknown key "${key}"`, sources, env));
  }
  return [locateKey(base, issue.message, sources, env)];
}

function locateKey(keyPath: Array<string | number>, message: string, sources: YamlSource[], env: EnvOverride[]): ConfigProblem {
  const dotted = keyPath.join('.');
  const fromEnv = env.find((e) => e.path.join('.') === dotted);
  if (fromEnv) return { source: `env ${fromEnv.variable}`, keyPath: dotted, line: null, message };
  // The last source that sets the key is the one the admin has to fix.
  for (let i = sources.length - 1; i >= 0; i--) {
    const source = sources[i] as YamlSource;
    if (source.has(keyPath) || i === 0) {
      return { source: source.file, keyPath: dotted, line: source.lineOf(keyPath), message };
    }
  }
  return { source: '', keyPath: dotted, line: null, message };
}

/**
 * A relative path is relative to the file that set it (a local file's own folder), to the working
 * folder when an environment variable set it, and in the shipped defaults to the package (for files
 * we ship) or to the working folder (for data the daemon writes, see path-keys.ts).
 */
function baseFolder(pathKey: PathKey, sources: YamlSource[], env: EnvOverride[], cwd: string): string {
  const dotted = pathKey.key.join('.');
  if (env.some((e) => e.path.join('.') === dotted)) return cwd;
  for (let i = sources.length - 1; i > 0; i--) {
    const source = sources[i] as YamlSource;
    if (source.has(pathKey.key)) return path.dirname(path.resolve(source.file));
  }
  return pathKey.defaultBase === 'package' ? packageRoot() : cwd;
}

function resolveSecrets(config: AppConfig, sources: YamlSource[]): AppConfig {
  const fromFile = (keyPath: string[], file: string, inline: string): string => {
    if (!file) return inline;
    try {
      return readFileSync(file, 'utf8').replace(/\r?\n$/, '');
    } catch (err) {
      const src = sources[sources.length - 1] as YamlSource;
      throw new ConfigError([{ source: src.file, keyPath: keyPath.join('.'), line: src.lineOf(keyPath), message: `cannot read secret file: ${(err as Error).message}` }]);
    }
  };
  const token = config.threading.replyToken;
  return {
    ...config,
    store: { ...config.store, password: fromFile(['store', 'passwordFile'], config.store.passwordFile, config.store.password) },
    imap: { ...config.imap, password: fromFile(['imap', 'passwordFile'], config.imap.passwordFile, config.imap.password) },
    smtp: { ...config.smtp, password: fromFile(['smtp', 'passwordFile'], config.smtp.passwordFile, config.smtp.password) },
    threading: { ...config.threading, replyToken: { ...token, secret: fromFile(['threading', 'replyToken', 'secretFile'], token.secretFile, token.secret) } },
  };
}

export function mergeDeep(base: unknown, over: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(over)) return over === undefined ? base : over;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) out[key] = mergeDeep(base[key], value);
  return out;
}

/** A file that cannot be read or is not valid YAML stops loading with every problem located. */
function readSource(file: string): YamlSource {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError([{ source: file, keyPath: '', line: null, message: `cannot read: ${(err as Error).message}` }]);
  }
  const source = readYaml(file, text);
  if (source.problems.length > 0) {
    throw new ConfigError(source.problems.map((p) => ({ source: file, keyPath: '', line: p.line, message: `YAML: ${p.message.split('\n')[0] ?? ''}` })));
  }
  return source;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}


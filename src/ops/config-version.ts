// The live version of the admin-edited set: a hash of every watched file's path and content, so the
// log and /metrics say which set runs, and a save that changed nothing (or touched a file's time only)
// is not a reload.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { AppConfig } from '../config/schema';

/** The files and folders a reload depends on: the config files, rules, categories, templates, calendar, quoting, threats. */
export function watchedPaths(config: AppConfig, configFiles: readonly string[]): string[] {
  const c = config.classification;
  const paths = [...configFiles, c.rulesDir, c.categoriesFile, c.labelMap, config.templates.dir, config.calendar.file, config.mail.quotingDir, config.alerts.threatsFile];
  return [...new Set(paths.filter((p) => p !== '').map((p) => path.resolve(p)))].sort();
}

/** 12 hex digits of SHA-256 over every file under the paths (sorted); a path that is missing counts as such. */
export function contentVersion(paths: readonly string[]): string {
  const hash = createHash('sha256');
  for (const file of paths.flatMap(filesUnder).sort()) {
    hash.update(`${file}\0`);
    hash.update(existsSync(file) ? readFileSync(file) : '(missing)');
    hash.update('\0');
  }
  return hash.digest('hex').slice(0, 12);
}

function filesUnder(p: string): string[] {
  if (!existsSync(p)) return [p];
  if (!statSync(p).isDirectory()) return [p];
  return readdirSync(p, { withFileTypes: true })
    .filter((d) => !d.name.startsWith('.'))
    .flatMap((d) => filesUnder(path.join(p, d.name)));
}

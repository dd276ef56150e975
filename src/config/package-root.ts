// Finds the installed package's folder, so shipped files (default config, templates, rules) are
// found the same way from src/ under tsx and from dist/ after the build.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

let cached: string | null = null;

export function packageRoot(): string {
  if (cached) return cached;
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`package.json not found above ${__dirname}`);
    dir = parent;
  }
  cached = dir;
  return dir;
}

/** The installed package's version, for `complaintd --version` and bug reports. */
export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as { version?: unknown };
  return typeof pkg.version === 'string' ? pkg.version : 'unknown';
}

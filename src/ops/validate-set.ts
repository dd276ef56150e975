// Everything the daemon loads from admin-edited files, validated as one set: what `check-config`
// reports and what the hot reload must pass before it swaps a new set in. Loading already checks each
// file on its own (schemas, compiled templates and rules); this adds the checks that join files (staff
// directory against departments) and renders every letter.
import { readFileSync } from 'node:fs';
import type { AppConfig } from '../config/schema';
import { readYaml } from '../config/yaml-source';
import { buildDirectory, checkDirectory } from '../staff/directory';
import { deskOf, loadParts, type LoadedParts } from '../pipeline-deps';
import { templateProblems } from '../templates/check-templates';
import type { CategorySet } from '../rules/categories';

export class InvalidSetError extends Error {
  override name = 'InvalidSetError';
  constructor(readonly problems: string[]) {
    super(problems.join('; '));
  }
}

/** Staff problems at the line of the config file that sets the key (the last file that has it). */
export function directoryProblems(config: AppConfig, categories: CategorySet, configFiles: readonly string[]): string[] {
  const sources = configFiles.map((file) => readYaml(file, readFileSync(file, 'utf8')));
  const problems = checkDirectory(buildDirectory(config.staff.members, categories.departments), categories);
  return problems.map((p) => {
    const keyPath = p.key.split(/[.[\]]+/).filter((s) => s !== '').map((s) => (/^\d+$/.test(s) ? Number(s) : s));
    const source = [...sources].reverse().find((s) => s.has(keyPath));
    // departments[...] live in the categories file, which names its own lines in its own errors.
    const where = source ? `${source.file}:${source.lineOf(keyPath)}` : config.classification.categoriesFile;
    return `${where}: ${p.key}: ${p.message}`;
  });
}

/** Loads and checks the whole set; throws InvalidSetError (or the loader's own file:line error). */
export async function loadValidSet(config: AppConfig, configFiles: readonly string[], now: Date): Promise<LoadedParts> {
  const parts = await loadParts(config);
  const problems = [...directoryProblems(config, parts.classification.categories, configFiles), ...templateProblems(deskOf(config, parts, null), now)];
  if (problems.length > 0) throw new InvalidSetError(problems);
  return parts;
}

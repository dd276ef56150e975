// `complaintd check-config`: everything the daemon would load at start, checked without starting,
// so an admin sees every problem (config, templates, categories, rules, model) in one go.
import { existsSync } from 'node:fs';
import { loadConfig } from './load';
import type { AppConfig } from './schema';
import { loadCatalogue } from '../templates/catalogue';
import { loadCategories } from '../rules/categories';
import { loadRuleSet } from '../rules/load-rules';
import { readModel } from '../classifier/model-file';

export interface CheckReport {
  ok: boolean;
  lines: string[];
}

type Check = [label: string, run: (cfg: AppConfig) => Promise<string> | string];

const CHECKS: Check[] = [
  // The default store is relative to the working folder: say where it is, so nobody looks elsewhere.
  ['store', (cfg) => (cfg.store.filename === ':memory:' || existsSync(cfg.store.filename) ? cfg.store.filename : `${cfg.store.filename} (not created yet)`)],
  ['templates', (cfg) => `locales ${loadCatalogue(cfg.templates.dir, cfg.instance.timezone).locales.join(', ')}`],
  ['categories and rules', async (cfg) => {
    const categories = await loadCategories(cfg.classification.categoriesFile);
    const rules = await loadRuleSet(cfg.classification.rulesDir, categories);
    return `${categories.categories.size} categories, ${rules.rules.length} rules`;
  }],
  ['classifier model', async (cfg) => {
    const model = await readModel(cfg.classification.modelPath);
    return model
      ? `${cfg.classification.modelPath}, trained ${model.trainedAt} on ${model.exampleCount} examples`
      : `none at ${cfg.classification.modelPath} (rules decide alone)`;
  }],
];

export async function checkEverything(localFile: string | undefined): Promise<CheckReport> {
  let cfg: AppConfig;
  const lines: string[] = [];
  try {
    const loaded = loadConfig(localFile ? { localFile } : {});
    cfg = loaded.config;
    lines.push(`ok    configuration: ${loaded.files.join(' + ')}`);
  } catch (err) {
    return { ok: false, lines: [`FAIL  configuration: ${(err as Error).message}`] };
  }
  let ok = true;
  for (const [label, run] of CHECKS) {
    try {
      lines.push(`ok    ${label}: ${await run(cfg)}`);
    } catch (err) {
      ok = false;
      lines.push(`FAIL  ${label}: ${(err as Error).message}`);
    }
  }
  return { ok, lines };
}

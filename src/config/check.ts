// `complaintd check-config`: everything the daemon would load at start, checked without starting,
// so an admin sees every problem (config, templates, categories, rules, model) in one go.
import path from 'node:path';
import { loadConfig } from './load';
import type { AppConfig } from './schema';
import { loadCatalogue } from '../templates/catalogue';
import { loadCategories } from '../rules/categories';
import { loadRuleSet } from '../rules/load-rules';
import { readModel } from '../classifier/model-file';
import { loadLabelling } from '../classifier/retrain-settings';

export interface CheckReport {
  ok: boolean;
  lines: string[];
}

type Check = [label: string, run: (cfg: AppConfig) => Promise<string> | string];

const CHECKS: Check[] = [
  ['templates', (cfg) => `locales ${loadCatalogue(path.resolve(cfg.templates.dir), cfg.instance.timezone).locales.join(', ')}`],
  ['categories and rules', async (cfg) => {
    const categories = await loadCategories(path.resolve(cfg.classification.categoriesFile));
    const rules = await loadRuleSet(path.resolve(cfg.classification.rulesDir), categories);
    return `${categories.categories.size} categories, ${rules.rules.length} rules`;
  }],
  ['label map', async (cfg) => {
    const { labelMap } = await loadLabelling(cfg.classification);
    return cfg.classification.labelMap === '' ? 'none' : `${cfg.classification.labelMap}: ${labelMap.size} labels mapped`;
  }],
  ['classifier model', async (cfg) => {
    const model = await readModel(path.resolve(cfg.classification.modelPath));
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

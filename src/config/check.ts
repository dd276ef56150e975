// `complaintd check-config`: everything the daemon would load at start, checked without starting,
// so an admin sees every problem (config, templates, categories, rules) in one go.
import path from 'node:path';
import { loadConfig } from './load';
import { loadCatalogue } from '../templates/catalogue';
import { loadCategories } from '../rules/categories';
import { loadRuleSet } from '../rules/load-rules';
import { readModel } from '../classifier/model-file';

export interface CheckReport {
  ok: boolean;
  lines: string[];
}

export async function checkEverything(localFile: string | undefined): Promise<CheckReport> {
  const lines: string[] = [];
  let ok = true;
  const attempt = async (label: string, fn: () => Promise<string> | string): Promise<void> => {
    try {
      lines.push(`ok    ${label}: ${await fn()}`);
    } catch (err) {
      ok = false;
      lines.push(`FAIL  ${label}: ${(err as Error).message}`);
    }
  };
  let loaded: ReturnType<typeof loadConfig> | null = null;
  await attempt('configuration', () => {
    loaded = loadConfig(localFile ? { localFile } : {});
    return loaded.files.join(' + ');
  });
  const cfg = (loaded as ReturnType<typeof loadConfig> | null)?.config;
  if (!cfg) return { ok: false, lines };
  await attempt('templates', () => `locales ${loadCatalogue(path.resolve(cfg.templates.dir), cfg.instance.timezone).locales.join(', ')}`);
  await attempt('categories and rules', async () => {
    const categories = await loadCategories(path.resolve(cfg.classification.categoriesFile));
    const rules = await loadRuleSet(path.resolve(cfg.classification.rulesDir), categories);
    return `${categories.categories.size} categories, ${rules.rules.length} rules`;
  });
  await attempt('classifier model', async () => {
    const model = await readModel(path.resolve(cfg.classification.modelPath));
    return model
      ? `${cfg.classification.modelPath}, trained ${model.trainedAt} on ${model.exampleCount} examples`
      : `none at ${cfg.classification.modelPath} (rules decide alone)`;
  });
  return { ok, lines };
}

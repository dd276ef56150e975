// Everything retraining needs from the configuration, read and checked once: the model path, the
// retrain policy, the categories labels must belong to and the label map for the initial CSV.
import type { AppConfig } from '../config/schema';
import { loadCategories } from '../rules/categories';
import { loadLabelMap, type LabelMap } from './label-map';
import type { RetrainSettings } from './retrain';

/** The loader has made every path absolute (see config/path-keys.ts). */
export async function loadRetrainSettings(cfg: AppConfig['classification']): Promise<RetrainSettings> {
  const { categoryIds, labelMap } = await loadLabelling(cfg);
  return { ...cfg.retrain, modelPath: cfg.modelPath, categoryIds, labelMap };
}

export async function loadLabelling(cfg: AppConfig['classification']): Promise<{ categoryIds: ReadonlySet<string>; labelMap: LabelMap }> {
  const categories = await loadCategories(cfg.categoriesFile);
  const categoryIds = new Set(categories.categories.keys());
  return { categoryIds, labelMap: await loadLabelMap(cfg.labelMap, categoryIds) };
}

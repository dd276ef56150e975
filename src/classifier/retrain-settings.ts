// Everything retraining needs from the configuration, read and checked once: the model path, the
// retrain policy, the categories labels must belong to and the label map for the initial CSV.
import path from 'node:path';
import type { AppConfig } from '../config/schema';
import { loadCategories } from '../rules/categories';
import { loadLabelMap, type LabelMap } from './label-map';
import type { RetrainSettings } from './retrain';

/** Relative paths are taken from the working directory, as for every other file in the config. */
export async function loadRetrainSettings(cfg: AppConfig['classification']): Promise<RetrainSettings> {
  const { categoryIds, labelMap } = await loadLabelling(cfg);
  const initialCsv = cfg.retrain.initialCsv === '' ? '' : path.resolve(cfg.retrain.initialCsv);
  return { ...cfg.retrain, initialCsv, modelPath: path.resolve(cfg.modelPath), categoryIds, labelMap };
}

export async function loadLabelling(cfg: AppConfig['classification']): Promise<{ categoryIds: ReadonlySet<string>; labelMap: LabelMap }> {
  const categories = await loadCategories(path.resolve(cfg.categoriesFile));
  const categoryIds = new Set(categories.categories.keys());
  return { categoryIds, labelMap: await loadLabelMap(cfg.labelMap === '' ? '' : path.resolve(cfg.labelMap), categoryIds) };
}

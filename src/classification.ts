// Loads what classification needs (categories, rule files, the learned model) and returns the
// categorize function the pipeline calls. A missing model is normal: rules decide alone then.
import type { AppConfig } from './config/schema';
import type { CategorizeInput, CategoryVerdict } from './rules/verdict';
import { loadCategories, type CategorySet } from './rules/categories';
import { loadRuleSet } from './rules/load-rules';
import { categorize } from './rules/combine';
import type { CategoryPredictor } from './rules/predictor';

export interface Classification {
  categories: CategorySet;
  categorize(input: CategorizeInput): CategoryVerdict;
  categoryName(id: string, locale: string): string;
  hasModel: boolean;
}

export async function loadClassification(
  cfg: AppConfig['classification'],
  loadPredictor: (modelPath: string) => Promise<CategoryPredictor | null>,
): Promise<Classification> {
  const categories = await loadCategories(cfg.categoriesFile);
  const ruleSet = await loadRuleSet(cfg.rulesDir, categories);
  const predictor = await loadPredictor(cfg.modelPath);
  return {
    categories,
    hasModel: predictor !== null,
    categorize: (input) => categorize(input, ruleSet, predictor, { mode: cfg.mode, minConfidence: cfg.minConfidence }),
    categoryName: (id, locale) => {
      const c = categories.categories.get(id);
      if (!c) return id;
      return locale === 'en' ? c.names.en : c.names.ru;
    },
  };
}

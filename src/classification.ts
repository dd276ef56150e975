// Loads what classification needs (categories, rule files, the learned model) and returns the
// categorize function the pipeline calls. A missing model is normal: rules decide alone then. The
// model is held by reference, so a retrain can replace it in the running daemon without a restart.
import type { AppConfig } from './config/schema';
import type { CategorizeInput, CategoryVerdict } from './rules/verdict';
import { loadCategories, type CategorySet } from './rules/categories';
import { loadRuleSet } from './rules/load-rules';
import { categorize } from './rules/combine';
import type { CategoryPredictor } from './rules/predictor';

export type ClassificationConfig = Pick<AppConfig['classification'], 'rulesDir' | 'categoriesFile' | 'modelPath' | 'mode' | 'minConfidence'>;

export interface Classification {
  categories: CategorySet;
  categorize(input: CategorizeInput): CategoryVerdict;
  categoryName(id: string, locale: string): string;
  readonly hasModel: boolean;
  /** The next categorize call uses `predictor`; a message being classified keeps the one it started with. */
  replacePredictor(predictor: CategoryPredictor | null): void;
}

export async function loadClassification(
  cfg: ClassificationConfig,
  loadPredictor: (modelPath: string) => Promise<CategoryPredictor | null>,
): Promise<Classification> {
  const categories = await loadCategories(cfg.categoriesFile);
  const ruleSet = await loadRuleSet(cfg.rulesDir, categories);
  let predictor = await loadPredictor(cfg.modelPath);
  return {
    categories,
    get hasModel() {
      return predictor !== null;
    },
    replacePredictor: (next) => {
      predictor = next;
    },
    categorize: (input) => categorize(input, ruleSet, predictor, { mode: cfg.mode, minConfidence: cfg.minConfidence }),
    categoryName: (id, locale) => {
      const c = categories.categories.get(id);
      if (!c) return id;
      return locale === 'en' ? c.names.en : c.names.ru;
    },
  };
}

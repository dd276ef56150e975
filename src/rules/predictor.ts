// The seam between rules and the learned classifier (src/classifier/): combine.ts depends on this
// interface only, so the classifier can be trained, swapped or left out without touching the rules.

export interface CategoryPrediction {
  category: string;
  /** Probability of `category`, 0..1. */
  confidence: number;
  /** Terms that pushed the score for `category` most, highest first. */
  topTerms: Array<{ term: string; weight: number }>;
  runnerUp: { category: string; confidence: number } | null;
}

export interface CategoryPredictor {
  /** `text` is the subject and the body of the complaint, separated by a blank line. */
  predict(text: string): CategoryPrediction;
}

// What the rule engine asks of a learned model. src/rules/predictor.ts owns the interface; this is a
// structural copy so the classifier does not import from the rules folder (and vice versa).

export interface WeightedTerm {
  term: string;
  weight: number;
}

export interface CategoryPrediction {
  category: string;
  /** Softmax probability of `category`; low values should send the case to review. */
  confidence: number;
  /** Words and phrases from the text that pushed the score of `category` up most, highest first. */
  topTerms: WeightedTerm[];
  runnerUp: { category: string; confidence: number } | null;
}

export interface CategoryPredictor {
  predict(text: string): CategoryPrediction;
}

/** One labelled complaint, as read from a CSV file or from cases whose category staff confirmed. */
export interface LabelledText {
  text: string;
  label: string;
}

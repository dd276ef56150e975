// Scores a set of predictions against the truth: accuracy, macro-F1 (every cause counts the same, so
// a model that ignores rare causes cannot hide behind the frequent ones), per-class precision and
// recall, and the most frequent confusions, which tell staff which causes to define more clearly.

export interface ClassMetrics {
  label: string;
  precision: number;
  recall: number;
  f1: number;
  /** Texts whose true label this is. */
  support: number;
}

export interface Confusion {
  actual: string;
  predicted: string;
  count: number;
}

export interface Evaluation {
  total: number;
  accuracy: number;
  macroF1: number;
  perClass: ClassMetrics[];
  /** Off-diagonal cells of the confusion matrix, most frequent first. */
  confusions: Confusion[];
}

function ratio(numerator: number, denominator: number): number {
  return denominator === 0 ? 0 : numerator / denominator;
}

/** Labels are those that occur in either list, as scikit-learn does for macro averages. */
export function evaluatePredictions(actual: string[], predicted: string[]): Evaluation {
  if (actual.length !== predicted.length) throw new Error('actual and predicted labels differ in length');
  const labels = [...new Set([...actual, ...predicted])].sort();
  const cells = new Map<string, number>();
  let correct = 0;
  actual.forEach((truth, i) => {
    const guess = predicted[i]!;
    if (truth === guess) correct++;
    const key = `${truth}\u0000${guess}`;
    cells.set(key, (cells.get(key) ?? 0) + 1);
  });
  const count = (truth: string, guess: string): number => cells.get(`${truth}\u0000${guess}`) ?? 0;
  const perClass = labels.map((label) => {
    const truePositive = count(label, label);
    const support = actual.filter((a) => a === label).length;
    const predictedCount = predicted.filter((p) => p === label).length;
    const precision = ratio(truePositive, predictedCount);
    const recall = ratio(truePositive, support);
    return { label, precision, recall, f1: ratio(2 * precision * recall, precision + recall), support };
  });
  const confusions = [...cells]
    .map(([key, n]) => {
      const [truth, guess] = key.split('\u0000') as [string, string];
      return { actual: truth, predicted: guess, count: n };
    })
    .filter((c) => c.actual !== c.predicted)
    .sort((a, b) => b.count - a.count || (a.actual + a.predicted < b.actual + b.predicted ? -1 : 1));
  return {
    total: actual.length,
    accuracy: ratio(correct, actual.length),
    macroF1: ratio(perClass.reduce((sum, c) => sum + c.f1, 0), perClass.length),
    perClass,
    confusions,
  };
}

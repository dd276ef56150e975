// Stratified k-fold cross-validation: the honest estimate of how a model trained on a set of labelled
// complaints will do on the next ones. Each fold trains a fresh model (vocabulary included) on the
// other folds only, so nothing about a test text leaks into the model that scores it.
import { calibrationOf, type Calibration } from './calibration';
import type { LabelledText } from './category-predictor';
import { Classifier, trainModel } from './classifier-model';
import { evaluatePredictions, type Evaluation } from './metrics';
import { seededRandom, shuffleInPlace } from './seeded-random';
import { DEFAULT_OPTIONS, type ClassifierOptions } from './training-options';

export interface MeanAndDeviation {
  mean: number;
  /** Sample standard deviation across folds. */
  sd: number;
}

export interface CrossValidation {
  folds: Evaluation[];
  /** All out-of-fold predictions scored together: per-class figures and confusions for the report. */
  pooled: Evaluation;
  accuracy: MeanAndDeviation;
  macroF1: MeanAndDeviation;
  /** Of the out-of-fold predictions: does a given confidence mean that accuracy? */
  calibration: Calibration;
}

/**
 * Fold number per example. Each label's examples are shuffled and dealt round-robin, continuing
 * where the previous label stopped, so every fold gets each label's share and folds differ by at most one.
 */
export function stratifiedFolds(labels: string[], folds: number, seed: number): number[] {
  if (!Number.isInteger(folds) || folds < 2) throw new RangeError(`folds must be an integer of at least 2, got ${folds}`);
  const random = seededRandom(seed);
  const byLabel = new Map<string, number[]>();
  labels.forEach((label, i) => byLabel.set(label, [...(byLabel.get(label) ?? []), i]));
  const assignment = new Array<number>(labels.length).fill(0);
  let next = 0;
  for (const label of [...byLabel.keys()].sort()) {
    for (const i of shuffleInPlace(byLabel.get(label)!, random)) assignment[i] = next++ % folds;
  }
  return assignment;
}

export function meanAndDeviation(values: number[]): MeanAndDeviation {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const variance = values.length < 2 ? 0 : values.reduce((a, v) => a + (v - mean) ** 2, 0) / (values.length - 1);
  return { mean, sd: Math.sqrt(variance) };
}

export function crossValidate(
  examples: LabelledText[],
  folds: number,
  options: ClassifierOptions = DEFAULT_OPTIONS,
): CrossValidation {
  if (folds > examples.length) throw new RangeError(`${folds} folds need at least ${folds} examples, got ${examples.length}`);
  const assignment = stratifiedFolds(examples.map((e) => e.label), folds, options.seed);
  const predicted = new Array<string>(examples.length).fill('');
  const confidence = new Array<number>(examples.length).fill(0);
  const results: Evaluation[] = [];
  for (let fold = 0; fold < folds; fold++) {
    const train = examples.filter((_, i) => assignment[i] !== fold);
    const testIndices = examples.flatMap((_, i) => (assignment[i] === fold ? [i] : []));
    const classifier = new Classifier(trainModel(train, options));
    for (const i of testIndices) {
      const { label, probability } = classifier.mostProbable(examples[i]!.text);
      predicted[i] = label;
      confidence[i] = probability;
    }
    results.push(evaluatePredictions(testIndices.map((i) => examples[i]!.label), testIndices.map((i) => predicted[i]!)));
  }
  return {
    folds: results,
    pooled: evaluatePredictions(examples.map((e) => e.label), predicted),
    accuracy: meanAndDeviation(results.map((r) => r.accuracy)),
    macroF1: meanAndDeviation(results.map((r) => r.macroF1)),
    calibration: calibrationOf(confidence, examples.map((e, i) => e.label === predicted[i])),
  };
}

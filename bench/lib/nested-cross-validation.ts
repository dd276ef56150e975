// Nested cross-validation: the honest figure for "choose settings on the data, then train". Each
// outer fold picks its settings by an inner cross-validation on its own training part only, so the
// texts that score the choice never took part in making it (plain CV over tuned defaults does not).
import type { LabelledText } from '../../src/classifier/category-predictor';
import { Classifier, trainModel } from '../../src/classifier/classifier-model';
import { crossValidate, meanAndDeviation, stratifiedFolds, type MeanAndDeviation } from '../../src/classifier/cross-validation';
import { evaluatePredictions } from '../../src/classifier/metrics';
import type { ClassifierOptions } from '../../src/classifier/training-options';

export interface NestedCrossValidation {
  macroF1: MeanAndDeviation;
  accuracy: MeanAndDeviation;
  /** Per outer fold, the index of the candidate its inner cross-validation chose. */
  chosen: number[];
}

export function nestedCrossValidate(
  examples: LabelledText[],
  candidates: ClassifierOptions[],
  folds: { outer: number; inner: number; seed: number },
): NestedCrossValidation {
  const assignment = stratifiedFolds(examples.map((e) => e.label), folds.outer, folds.seed);
  const macroF1: number[] = [];
  const accuracy: number[] = [];
  const chosen: number[] = [];
  for (let fold = 0; fold < folds.outer; fold++) {
    const train = examples.filter((_, i) => assignment[i] !== fold);
    const test = examples.filter((_, i) => assignment[i] === fold);
    const innerScores = candidates.map((options) => crossValidate(train, folds.inner, options).macroF1.mean);
    const best = innerScores.indexOf(Math.max(...innerScores));
    const classifier = new Classifier(trainModel(train, candidates[best]!));
    const evaluation = evaluatePredictions(test.map((e) => e.label), test.map((e) => classifier.mostProbable(e.text).label));
    macroF1.push(evaluation.macroF1);
    accuracy.push(evaluation.accuracy);
    chosen.push(best);
  }
  return { macroF1: meanAndDeviation(macroF1), accuracy: meanAndDeviation(accuracy), chosen };
}

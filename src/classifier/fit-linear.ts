// Fits the chosen learner and its probability scale together. A fifth of the texts is held back
// first, the scale is fitted on the scores the model gives them, then the model learns them too:
// probabilities are only honest when calibrated on texts the scorer had not seen.
import { splitHeldOut } from './held-out-split';
import { fitScoreScale } from './score-scale';
import { classScores, trainSoftmax, type LinearWeights } from './softmax-regression';
import { SquaredHingeTrainer } from './squared-hinge';
import type { ClassifierOptions } from './training-options';
import type { SparseVector } from './vocabulary';

export interface FittedLinear {
  linear: LinearWeights;
  /** Class scores are multiplied by this before the softmax. */
  scoreScale: number;
}

const CALIBRATION_SHARE = 0.2;
/** Below this a fitted scale is more noise than signal. */
const MIN_CALIBRATION_TEXTS = 30;
/**
 * Used when there are too few texts to fit one: below what the corpora and the test samples gave
 * (squared hinge 4.4-6.4, softmax 1.3-1.9), so an unsure model sends more cases to review, not fewer.
 */
export const FALLBACK_SCORE_SCALE: Record<ClassifierOptions['loss'], number> = { 'squared-hinge': 4, softmax: 1 };

type Shape = { classCount: number; featureCount: number };

export function fitLinear(vectors: SparseVector[], targets: Int32Array, shape: Shape, options: ClassifierOptions): FittedLinear {
  const indexed = Array.from(targets, (target, index) => ({ label: String(target), index }));
  const split = splitHeldOut(indexed, CALIBRATION_SHARE, options.seed);
  const canCalibrate = split.heldOut.length >= MIN_CALIBRATION_TEXTS;
  const learnFirst = canCalibrate ? split.train.map((e) => e.index) : indexed.map((e) => e.index);
  const learner = options.loss === 'squared-hinge' ? hingeLearner(vectors, targets, shape, options) : softmaxLearner(vectors, targets, shape, options);
  const first = learner.learn(learnFirst);
  if (!canCalibrate) return { linear: first, scoreScale: FALLBACK_SCORE_SCALE[options.loss] };
  const held = split.heldOut.map((e) => e.index);
  const scoreScale = fitScoreScale(
    held.map((i) => classScores(vectors[i]!, first)),
    Int32Array.from(held, (i) => targets[i]!),
  );
  return { linear: learner.learnAll(), scoreScale };
}

interface Learner {
  /** A model of the given texts only. */
  learn(members: number[]): LinearWeights;
  /** Then a model of all texts. */
  learnAll(): LinearWeights;
}

function hingeLearner(vectors: SparseVector[], targets: Int32Array, shape: Shape, options: ClassifierOptions): Learner {
  const trainer = new SquaredHingeTrainer(vectors, targets, shape, options);
  const all = Array.from(targets.keys());
  return {
    learn: (members) => {
      trainer.sweep(members, options.hingeEpochs);
      return trainer.weights();
    },
    // Warm: the held-back texts start at α = 0, the rest where they settled, so half the sweeps do.
    learnAll: () => {
      trainer.sweep(all, Math.ceil(options.hingeEpochs / 2));
      return trainer.weights();
    },
  };
}

function softmaxLearner(vectors: SparseVector[], targets: Int32Array, shape: Shape, options: ClassifierOptions): Learner {
  const learn = (members: number[]) =>
    trainSoftmax(members.map((i) => vectors[i]!), Int32Array.from(members, (i) => targets[i]!), shape, options);
  return { learn, learnAll: () => learn(Array.from(targets.keys())) };
}

// Multinomial logistic regression over sparse vectors, trained by SGD. Softmax (not one-vs-rest SVMs)
// because a case needs a probability, a low one sends it to review; sparse SGD because an epoch is one
// sweep over the non-zeros, where npm's dense libraries would hold features × texts numbers.
import { seededRandom, shuffleInPlace } from './seeded-random';
import type { SparseVector } from './vocabulary';

export interface SoftmaxOptions {
  epochs: number;
  /** L2 penalty per example; larger is smoother and less sure of itself. */
  l2: number;
  /** Initial step; it decays as eta0 / (1 + eta0 * l2 * t) (Bottou's schedule for L2-regularised SGD). */
  learningRate: number;
  /** "balanced" weighs each example by n / (k * n_class), so small causes are not ignored. */
  classWeighting: 'balanced' | 'none';
  seed: number;
}

/**
 * Weights are feature-major (all classes of feature j are adjacent): a sparse dot touches one run.
 * They are kept in single precision, as in the model file, so a reloaded model scores exactly alike.
 */
export interface LinearWeights {
  classCount: number;
  featureCount: number;
  weights: Float32Array;
  bias: Float64Array;
}

export function classScores(vector: SparseVector, model: LinearWeights): Float64Array {
  const k = model.classCount;
  const scores = Float64Array.from(model.bias);
  for (let n = 0; n < vector.indices.length; n++) {
    const base = vector.indices[n]! * k;
    const x = vector.values[n]!;
    for (let c = 0; c < k; c++) scores[c] = scores[c]! + x * model.weights[base + c]!;
  }
  return scores;
}

/** In place, shifted by the maximum so that large scores do not overflow. */
export function softmaxInPlace(scores: Float64Array): Float64Array {
  let max = -Infinity;
  for (const s of scores) max = Math.max(max, s);
  let sum = 0;
  for (let c = 0; c < scores.length; c++) {
    scores[c] = Math.exp(scores[c]! - max);
    sum += scores[c]!;
  }
  for (let c = 0; c < scores.length; c++) scores[c] = scores[c]! / sum;
  return scores;
}

/** Each text's weight in the loss; shared by every learner so "balanced" means the same in all. */
export function exampleWeights(labels: Int32Array, classCount: number, weighting: SoftmaxOptions['classWeighting']): Float64Array {
  const counts = new Float64Array(classCount);
  for (const label of labels) counts[label] = counts[label]! + 1;
  return Float64Array.from(labels, (label) =>
    weighting === 'balanced' ? labels.length / (classCount * counts[label]!) : 1,
  );
}

export function trainSoftmax(
  vectors: SparseVector[],
  labels: Int32Array,
  shape: { classCount: number; featureCount: number },
  options: SoftmaxOptions,
): LinearWeights {
  const k = shape.classCount;
  // The true weights are scale * v: the L2 shrink of every weight is then one multiplication per step.
  const v = new Float64Array(shape.featureCount * k);
  const bias = new Float64Array(k);
  let scale = 1;
  const weightOf = exampleWeights(labels, k, options.classWeighting);
  const order = Array.from(vectors.keys());
  const random = seededRandom(options.seed);
  const training = { classCount: k, weights: v, bias };
  const gradient = new Float64Array(k);
  let step = 0;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    shuffleInPlace(order, random);
    for (const i of order) {
      const vector = vectors[i]!;
      const label = labels[i]!;
      const eta = options.learningRate / (1 + options.learningRate * options.l2 * step++);
      const probabilities = softmaxInPlace(scaledScores(vector, training, scale));
      for (let c = 0; c < k; c++) gradient[c] = (probabilities[c]! - (c === label ? 1 : 0)) * weightOf[i]!;
      scale *= 1 - eta * options.l2;
      const stepOverScale = eta / scale;
      for (let n = 0; n < vector.indices.length; n++) {
        const base = vector.indices[n]! * k;
        const x = vector.values[n]! * stepOverScale;
        for (let c = 0; c < k; c++) v[base + c] = v[base + c]! - x * gradient[c]!;
      }
      for (let c = 0; c < k; c++) bias[c] = bias[c]! - eta * gradient[c]!;
      if (scale < 1e-9) scale = foldScale(v, scale);
    }
  }
  foldScale(v, scale);
  return { classCount: k, featureCount: shape.featureCount, weights: Float32Array.from(v), bias };
}

function scaledScores(
  vector: SparseVector,
  model: { classCount: number; weights: Float64Array; bias: Float64Array },
  scale: number,
): Float64Array {
  const k = model.classCount;
  const scores = new Float64Array(k);
  for (let n = 0; n < vector.indices.length; n++) {
    const base = vector.indices[n]! * k;
    const x = vector.values[n]! * scale;
    for (let c = 0; c < k; c++) scores[c] = scores[c]! + x * model.weights[base + c]!;
  }
  for (let c = 0; c < k; c++) scores[c] = scores[c]! + model.bias[c]!;
  return scores;
}

/** Multiplies the pending scale into the weights, before it underflows; returns the new scale, 1. */
function foldScale(v: Float64Array, scale: number): number {
  for (let i = 0; i < v.length; i++) v[i] = v[i]! * scale;
  return 1;
}

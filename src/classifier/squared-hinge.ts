// One-vs-rest linear SVMs with the squared hinge loss, trained by dual coordinate descent (Hsieh et
// al. 2008, what liblinear and scikit-learn's LinearSVC do). It separates the many near-duplicate
// causes better than softmax did and needs no learning rate; calibration turns its scores into
// probabilities (see fit-linear.ts).
import { seededRandom, shuffleInPlace } from './seeded-random';
import { exampleWeights, type LinearWeights } from './softmax-regression';
import type { SparseVector } from './vocabulary';

export interface SquaredHingeOptions {
  /** Passes over the texts; dual coordinate descent settles in a few. */
  hingeEpochs: number;
  /** Inverse regularisation, as liblinear's C: larger fits the training texts more closely. */
  hingeC: number;
  classWeighting: 'balanced' | 'none';
  seed: number;
}

/**
 * Holds the dual variables, so training can stop, be looked at, and go on with more texts: a text
 * not yet visited has α = 0, which is exactly its state in a model that never saw it. All k binary
 * problems visit text i at the same step, so one sweep over its non-zeros scores every class.
 */
export class SquaredHingeTrainer {
  private readonly k: number;
  private readonly w: Float64Array;
  private readonly bias: Float64Array;
  private readonly alpha: Float64Array;
  /** D_ii = 1 / (2 C_i), the squared hinge's diagonal term, with C_i = C × the text's class weight. */
  private readonly diagonal: Float64Array;
  /** |x_i|² + 1: the bias is a constant feature of 1, as in liblinear. */
  private readonly squaredNorm: Float64Array;
  private readonly random: () => number;

  constructor(
    private readonly vectors: SparseVector[],
    private readonly labels: Int32Array,
    private readonly shape: { classCount: number; featureCount: number },
    options: SquaredHingeOptions,
  ) {
    this.k = shape.classCount;
    this.w = new Float64Array(shape.featureCount * this.k);
    this.bias = new Float64Array(this.k);
    this.alpha = new Float64Array(vectors.length * this.k);
    this.diagonal = Float64Array.from(exampleWeights(labels, this.k, options.classWeighting), (weight) => 1 / (2 * options.hingeC * weight));
    this.squaredNorm = Float64Array.from(vectors, (v) => v.values.reduce((sum, x) => sum + x * x, 1));
    this.random = seededRandom(options.seed);
  }

  /** `epochs` sweeps over the texts numbered in `members`, in a fresh random order each time. */
  sweep(members: number[], epochs: number): void {
    const order = [...members];
    const k = this.k;
    const { w, bias, alpha } = this;
    const scores = new Float64Array(k);
    const delta = new Float64Array(k);
    const moved = new Int32Array(k);
    for (let epoch = 0; epoch < epochs; epoch++) {
      shuffleInPlace(order, this.random);
      for (const i of order) {
        const { indices, values } = this.vectors[i]!;
        const label = this.labels[i]!;
        const nnz = indices.length;
        scores.set(bias);
        for (let n = 0; n < nnz; n++) {
          const base = indices[n]! * k;
          const x = values[n]!;
          for (let c = 0; c < k; c++) scores[c] = scores[c]! + x * w[base + c]!;
        }
        const d = this.diagonal[i]!;
        const q = this.squaredNorm[i]! + d;
        // Most classes sit beyond their margin with α = 0 and do not move: update only those that do.
        let movedCount = 0;
        for (let c = 0; c < k; c++) {
          const y = c === label ? 1 : -1;
          const a = alpha[i * k + c]!;
          const next = Math.max(a - (y * scores[c]! - 1 + d * a) / q, 0);
          if (next === a) continue;
          alpha[i * k + c] = next;
          // The signed change of y·α: the weights move by it times x.
          delta[movedCount] = (next - a) * y;
          moved[movedCount++] = c;
        }
        for (let m = 0; m < movedCount; m++) {
          const c = moved[m]!;
          const step = delta[m]!;
          for (let n = 0; n < nnz; n++) {
            const at = indices[n]! * k + c;
            w[at] = w[at]! + step * values[n]!;
          }
          bias[c] = bias[c]! + step;
        }
      }
    }
  }

  /** The weights as they stand, in the single precision the model file keeps. */
  weights(): LinearWeights {
    return { classCount: this.k, featureCount: this.shape.featureCount, weights: Float32Array.from(this.w), bias: Float64Array.from(this.bias) };
  }
}

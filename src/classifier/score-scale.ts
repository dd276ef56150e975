// Temperature scaling (Guo et al. 2017): one number that turns a model's class scores into
// probabilities that mean what they say, so `minConfidence: 0.7` sends to review the verdicts that
// are right less than about seven times in ten. Fitted on texts the scored model did not train on.
import { softmaxInPlace } from './softmax-regression';

/** Mean negative log-likelihood of the true labels with scores multiplied by `scale`. */
export function meanLogLoss(scores: Float64Array[], labels: Int32Array, scale: number): number {
  let loss = 0;
  scores.forEach((row, i) => {
    const p = softmaxInPlace(Float64Array.from(row, (s) => s * scale))[labels[i]!]!;
    loss -= Math.log(Math.max(p, 1e-12));
  });
  return loss / scores.length;
}

const LOWEST = Math.log(1e-3);
const HIGHEST = Math.log(1e3);

/** The scale that minimises the log-loss, by golden-section search over its logarithm (the loss is convex in it). */
export function fitScoreScale(scores: Float64Array[], labels: Int32Array): number {
  const ratio = (Math.sqrt(5) - 1) / 2;
  let low = LOWEST;
  let high = HIGHEST;
  const loss = (logScale: number) => meanLogLoss(scores, labels, Math.exp(logScale));
  let a = high - ratio * (high - low);
  let b = low + ratio * (high - low);
  let lossA = loss(a);
  let lossB = loss(b);
  for (let step = 0; step < 40; step++) {
    if (lossA < lossB) {
      high = b;
      b = a;
      lossB = lossA;
      a = high - ratio * (high - low);
      lossA = loss(a);
    } else {
      low = a;
      a = b;
      lossA = lossB;
      b = low + ratio * (high - low);
      lossB = loss(b);
    }
  }
  return Math.exp((low + high) / 2);
}

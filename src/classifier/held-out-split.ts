// Sets part of the labelled texts aside before anything is learned or tuned on the rest, so one
// figure is never flattered by choices made on the same texts. Retraining compares models on such a
// slice of staff labels; the benchmark keeps one apart from tuning.
import { seededRandom, shuffleInPlace } from './seeded-random';

export interface HeldOutSplit<T extends { label: string }> {
  train: T[];
  heldOut: T[];
}

/**
 * Stratified: each label gives round(share × its count) texts, at least one when it has two or more,
 * so a small cause is scored too, and none when it has one, so the model still learns it.
 * Order within each part follows the input, so the same input and seed give the same split.
 */
export function splitHeldOut<T extends { label: string }>(examples: T[], share: number, seed: number): HeldOutSplit<T> {
  if (!(share > 0 && share < 1)) throw new RangeError(`the held-out share must be between 0 and 1, got ${share}`);
  const random = seededRandom(seed);
  const byLabel = new Map<string, number[]>();
  examples.forEach((e, i) => byLabel.set(e.label, [...(byLabel.get(e.label) ?? []), i]));
  const isHeldOut = new Uint8Array(examples.length);
  for (const label of [...byLabel.keys()].sort()) {
    const indices = shuffleInPlace(byLabel.get(label)!, random);
    const count = indices.length < 2 ? 0 : Math.max(1, Math.round(share * indices.length));
    for (const i of indices.slice(0, count)) isHeldOut[i] = 1;
  }
  return {
    train: examples.filter((_, i) => isHeldOut[i] === 0),
    heldOut: examples.filter((_, i) => isHeldOut[i] === 1),
  };
}

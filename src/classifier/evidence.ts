// Explains a prediction in the writer's own words: each term's share of the chosen category's score
// is handed back to the words (or word pairs) that produced it, so staff see "протекает", not "тек".
import type { WeightedTerm } from './category-predictor';
import type { LinearWeights } from './softmax-regression';
import type { EncodedUnit } from './term-encoder';
import type { SparseVector } from './vocabulary';

/**
 * Terms shared by several words (an n-gram in two words) split their contribution evenly, so the
 * weights of all words add up to the score the text gave the category, minus its bias.
 */
export function topTermsFor(
  units: EncodedUnit[],
  vector: SparseVector,
  model: LinearWeights,
  classIndex: number,
  limit: number,
): WeightedTerm[] {
  const contribution = new Map<number, number>();
  vector.indices.forEach((index, n) => {
    contribution.set(index, vector.values[n]! * model.weights[index * model.classCount + classIndex]!);
  });
  const occurrences = new Map<number, number>();
  for (const unit of units) for (const id of unit.ids) occurrences.set(id, (occurrences.get(id) ?? 0) + 1);
  const byLabel = new Map<string, number>();
  for (const unit of units) {
    let share = 0;
    for (const id of unit.ids) share += (contribution.get(id) ?? 0) / occurrences.get(id)!;
    if (share !== 0) byLabel.set(unit.label, (byLabel.get(unit.label) ?? 0) + share);
  }
  return [...byLabel]
    .filter(([, weight]) => weight > 0)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, limit)
    .map(([term, weight]) => ({ term, weight: Number(weight.toPrecision(4)) }));
}

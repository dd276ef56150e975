// A trained classifier: what it knows (labels, vocabulary, weights, how it was trained) and how it
// predicts. Training fits the vocabulary on the given texts only, so cross-validation that trains
// per fold never lets test texts shape the features.
import type { CategoryPrediction, CategoryPredictor, LabelledText } from './category-predictor';
import { topTermsFor } from './evidence';
import { fitLinear } from './fit-linear';
import { classScores, softmaxInPlace, type LinearWeights } from './softmax-regression';
import { idsOf, TermEncoder } from './term-encoder';
import { DEFAULT_OPTIONS, type ClassifierOptions } from './training-options';
import { fitVocabulary, GrowingDictionary, vectorize, type Vocabulary } from './vocabulary';

export interface ClassifierModel {
  trainedAt: string;
  exampleCount: number;
  /** Sorted, so the same examples give the same class order whatever their order in the file. */
  labels: string[];
  labelCounts: Record<string, number>;
  options: ClassifierOptions;
  vocabulary: Vocabulary;
  linear: LinearWeights;
  /** Class scores times this, through a softmax, are calibrated probabilities (score-scale.ts). */
  scoreScale: number;
}

export class TrainingDataError extends Error {
  override name = 'TrainingDataError';
}

const TOP_TERMS = 8;

export function trainModel(
  examples: LabelledText[],
  options: ClassifierOptions = DEFAULT_OPTIONS,
  now: Date = new Date(),
): ClassifierModel {
  const labels = [...new Set(examples.map((e) => e.label))].sort();
  if (labels.length < 2) {
    throw new TrainingDataError(`training needs at least two categories, got ${labels.length} in ${examples.length} examples`);
  }
  const labelIndex = new Map(labels.map((label, i) => [label, i]));
  const dictionary = new GrowingDictionary();
  const encoder = new TermEncoder(options, dictionary.lookup);
  const fitted = fitVocabulary(examples.map((e) => encoder.encode(e.text)), dictionary.terms, options.minDf);
  const vectors = fitted.documents.map((ids) => vectorize(ids, fitted.vocabulary, options));
  const targets = Int32Array.from(examples, (e) => labelIndex.get(e.label)!);
  const shape = { classCount: labels.length, featureCount: fitted.vocabulary.terms.length };
  const { linear, scoreScale } = fitLinear(vectors, targets, shape, options);
  const labelCounts: Record<string, number> = {};
  for (const e of examples) labelCounts[e.label] = (labelCounts[e.label] ?? 0) + 1;
  return { trainedAt: now.toISOString(), exampleCount: examples.length, labels, labelCounts, options, vocabulary: fitted.vocabulary, linear, scoreScale };
}

/** A model ready to classify: it keeps a memo of words already seen, so build one per model and reuse it. */
export class Classifier implements CategoryPredictor {
  private readonly encoder: TermEncoder;

  constructor(readonly model: ClassifierModel) {
    this.encoder = new TermEncoder(model.options, (term) => model.vocabulary.index.get(term) ?? -1);
  }

  /** Probabilities for every label, in `model.labels` order; they sum to 1. */
  probabilities(text: string): Float64Array {
    const vector = vectorize(this.encoder.encode(text), this.model.vocabulary, this.model.options);
    return softmaxInPlace(scaled(classScores(vector, this.model.linear), this.model.scoreScale));
  }

  /** The most probable label and its probability alone: what evaluation needs, without the cost of evidence. */
  mostProbable(text: string): { label: string; probability: number } {
    const p = this.probabilities(text);
    let best = 0;
    for (let c = 1; c < p.length; c++) if (p[c]! > p[best]!) best = c;
    return { label: this.model.labels[best]!, probability: p[best]! };
  }

  predict(text: string): CategoryPrediction {
    const { model } = this;
    const units = this.encoder.encodeUnits(text);
    const vector = vectorize(idsOf(units), model.vocabulary, model.options);
    const p = softmaxInPlace(scaled(classScores(vector, model.linear), model.scoreScale));
    const ranked = Array.from(p.keys()).sort((a, b) => p[b]! - p[a]! || a - b);
    const best = ranked[0]!;
    const second = ranked[1];
    return {
      category: model.labels[best]!,
      confidence: p[best]!,
      topTerms: topTermsFor(units, vector, model.linear, best, TOP_TERMS),
      runnerUp: second === undefined ? null : { category: model.labels[second]!, confidence: p[second]! },
    };
  }
}

function scaled(scores: Float64Array, scale: number): Float64Array {
  for (let c = 0; c < scores.length; c++) scores[c] = scores[c]! * scale;
  return scores;
}

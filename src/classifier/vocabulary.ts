// The dictionary of terms a model knows, with their inverse document frequencies, and the mapping of
// a text's term ids to a sparse TF-IDF vector. A dictionary (not hashing) is kept so that every weight
// can be traced back to a readable term, and rare terms are pruned so the model file stays small.
import { isCharTerm } from './text-features';

export interface Vocabulary {
  terms: string[];
  index: Map<string, number>;
  /** Single precision, as stored in the model file, so a reloaded model computes the same vectors. */
  idf: Float32Array;
  /** 1 where the term is a character n-gram: the two blocks are normalised apart. */
  isChar: Uint8Array;
}

export interface VectorOptions {
  /**
   * Weight of the character n-gram block against the word block. Each block is normalised on its
   * own first: otherwise the many n-grams of a text drown its few words.
   */
  charBlockWeight: number;
}

export interface SparseVector {
  indices: Int32Array;
  values: Float64Array;
}

/** Gives every new term the next id while training reads the texts. */
export class GrowingDictionary {
  readonly terms: string[] = [];
  private readonly ids = new Map<string, number>();

  readonly lookup = (term: string): number => {
    let id = this.ids.get(term);
    if (id === undefined) {
      id = this.terms.length;
      this.terms.push(term);
      this.ids.set(term, id);
    }
    return id;
  };
}

export function vocabularyOf(terms: string[], idf: Float32Array): Vocabulary {
  return {
    terms,
    idf,
    index: new Map(terms.map((term, i) => [term, i])),
    isChar: Uint8Array.from(terms, (term) => (isCharTerm(term) ? 1 : 0)),
  };
}

/**
 * Keeps the dictionary's terms found in at least `minDf` documents, with the smoothed idf
 * ln((1 + n) / (1 + df)) + 1, and rewrites the documents' ids into the kept vocabulary.
 */
export function fitVocabulary(
  documents: Int32Array[],
  dictionary: string[],
  minDf: number,
): { vocabulary: Vocabulary; documents: Int32Array[] } {
  const df = new Int32Array(dictionary.length);
  const lastSeenIn = new Int32Array(dictionary.length).fill(-1);
  documents.forEach((ids, d) => {
    for (const id of ids) {
      if (lastSeenIn[id] !== d) {
        lastSeenIn[id] = d;
        df[id] = df[id]! + 1;
      }
    }
  });
  const remap = new Int32Array(dictionary.length).fill(-1);
  const terms: string[] = [];
  const idf: number[] = [];
  dictionary.forEach((term, id) => {
    if (df[id]! < minDf) return;
    remap[id] = terms.length;
    terms.push(term);
    idf.push(Math.log((1 + documents.length) / (1 + df[id]!)) + 1);
  });
  return {
    vocabulary: vocabularyOf(terms, Float32Array.from(idf)),
    documents: documents.map((ids) => Int32Array.from(ids.map((id) => remap[id]!)).filter((id) => id >= 0)),
  };
}

/** Sublinear term frequency (1 + ln tf) times idf, each block L2-normalised, then the whole vector. */
export function vectorize(ids: Int32Array, vocabulary: Vocabulary, options: VectorOptions): SparseVector {
  const sorted = Int32Array.from(ids).sort();
  const indices: number[] = [];
  const values: number[] = [];
  const blockNorm = [0, 0];
  for (let start = 0; start < sorted.length; ) {
    const index = sorted[start]!;
    let end = start + 1;
    while (end < sorted.length && sorted[end] === index) end++;
    const value = (1 + Math.log(end - start)) * vocabulary.idf[index]!;
    indices.push(index);
    values.push(value);
    blockNorm[vocabulary.isChar[index]!]! += value * value;
    start = end;
  }
  const blockScale = [
    blockNorm[0]! > 0 ? 1 / Math.sqrt(blockNorm[0]!) : 0,
    blockNorm[1]! > 0 ? options.charBlockWeight / Math.sqrt(blockNorm[1]!) : 0,
  ];
  let norm = 0;
  for (let i = 0; i < values.length; i++) {
    values[i] = values[i]! * blockScale[vocabulary.isChar[indices[i]!]!]!;
    norm += values[i]! * values[i]!;
  }
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  return { indices: Int32Array.from(indices), values: Float64Array.from(values, (v) => v * scale) };
}

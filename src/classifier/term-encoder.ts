// Turns a text into term ids word by word, remembering each word's stem and ids: complaints repeat a
// few thousand words, and stemming and n-gram lookups were most of the cost. Ids come from the caller
// (a growing dictionary in training, the model's vocabulary in classifying), so one path serves both.
import { stemWord } from '../text/stem';
import { words } from '../text/tokenize';
import { pairTerm, wordTerms, type FeatureOptions } from './text-features';

/** A piece of the text a reader recognises (a word, or two adjacent words) and its term ids. */
export interface EncodedUnit {
  label: string;
  ids: Int32Array;
}

/** Returns the id of a term, or -1 when the term is unknown and should be left out. */
export type TermLookup = (term: string) => number;

interface EncodedWord {
  stem: string;
  ids: Int32Array;
}

/** Enough for the working vocabulary of a complaints mailbox; past it the memo starts afresh. */
const WORD_MEMO_LIMIT = 100_000;

export class TermEncoder {
  private readonly memo = new Map<string, EncodedWord>();

  constructor(
    private readonly options: FeatureOptions,
    private readonly lookup: TermLookup,
  ) {}

  encodeUnits(text: string): EncodedUnit[] {
    const units: EncodedUnit[] = [];
    let previous: { word: string; stem: string } | null = null;
    for (const word of words(text)) {
      const encoded = this.encodeWord(word);
      units.push({ label: word, ids: encoded.ids });
      if (this.options.wordBigrams && previous !== null) {
        const id = this.lookup(pairTerm(previous.stem, encoded.stem));
        units.push({ label: `${previous.word} ${word}`, ids: id < 0 ? new Int32Array(0) : Int32Array.of(id) });
      }
      previous = { word, stem: encoded.stem };
    }
    return units;
  }

  /** All term ids of a text with repeats: what counting and vectorising need. */
  encode(text: string): Int32Array {
    return idsOf(this.encodeUnits(text));
  }

  private encodeWord(word: string): EncodedWord {
    let encoded = this.memo.get(word);
    if (encoded === undefined) {
      const stem = stemWord(word);
      const ids = wordTerms(word, stem, this.options).map(this.lookup).filter((id) => id >= 0);
      encoded = { stem, ids: Int32Array.from(ids) };
      if (this.memo.size >= WORD_MEMO_LIMIT) this.memo.clear();
      this.memo.set(word, encoded);
    }
    return encoded;
  }
}

/** The term ids of the units, in order, with repeats, in one array. */
export function idsOf(units: EncodedUnit[]): Int32Array {
  const all = new Int32Array(units.reduce((n, unit) => n + unit.ids.length, 0));
  let at = 0;
  for (const unit of units) {
    all.set(unit.ids, at);
    at += unit.ids.length;
  }
  return all;
}

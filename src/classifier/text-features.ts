// Which terms the model weighs in a complaint: stemmed words, stemmed word pairs, and character
// n-grams inside each word. Character n-grams carry typos, compounds and endings the stemmer misses
// ("протечка"/"протекает"); stems and pairs carry meaning.

export interface FeatureOptions {
  /** Adds "stem1 stem2" terms for adjacent words. */
  wordBigrams: boolean;
  /** Character n-gram lengths, taken inside " word " (padded, so starts and ends are marked). */
  charNgramMin: number;
  charNgramMax: number;
}

/** Terms are namespaced so that a stem, a pair and an n-gram never share an entry. */
const STEM_PREFIX = 's:';
const PAIR_PREFIX = 'p:';
const CHAR_PREFIX = 'c:';

export function isCharTerm(term: string): boolean {
  return term.startsWith(CHAR_PREFIX);
}

/** The stem of the word first, then its character n-grams (with repeats, as counts matter). */
export function wordTerms(word: string, stem: string, options: FeatureOptions): string[] {
  const terms = [STEM_PREFIX + stem];
  const padded = ` ${word} `;
  for (let n = options.charNgramMin; n <= options.charNgramMax && n > 0; n++) {
    for (let i = 0; i + n <= padded.length; i++) terms.push(CHAR_PREFIX + padded.slice(i, i + n));
  }
  return terms;
}

export function pairTerm(firstStem: string, secondStem: string): string {
  return `${PAIR_PREFIX}${firstStem} ${secondStem}`;
}

// Snowball stemmers for Russian and English, chosen per word by its script, so that mixed-language
// complaints ("не пришёл refund") are stemmed correctly word by word.
import * as snowball from 'snowball-stemmers';

type Stemmer = { stem(word: string): string };

const russian: Stemmer = snowball.newStemmer('russian');
const english: Stemmer = snowball.newStemmer('english');

const CYRILLIC = /[\u0400-\u04ff]/;

export function isCyrillicWord(word: string): boolean {
  return CYRILLIC.test(word);
}

/** Stems one lower-cased word; ё is folded to е first, as Russian writers use them interchangeably. */
export function stemWord(word: string): string {
  const folded = word.replace(/ё/g, 'е');
  return isCyrillicWord(folded) ? russian.stem(folded) : english.stem(folded);
}

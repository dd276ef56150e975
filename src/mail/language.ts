// Which language to answer a complaint in, guessed from its script: the daemon only writes Russian
// and English, so telling Cyrillic from Latin is enough, and anything unclear is left to the default.
// (Ukrainian or Belarusian text comes out as "ru": the script cannot tell them apart.)

// Below this many letters (a bare "Привет!" or "ok") the share says nothing.
const MIN_LETTERS = 12;
// Russian mail is full of Latin (links, addresses, product names) while English mail almost never
// carries Cyrillic, so Russian needs only half the letters to be Cyrillic and English nearly all.
const RUSSIAN_FROM_CYRILLIC_SHARE = 0.5;
const ENGLISH_UP_TO_CYRILLIC_SHARE = 0.1;
// The opening of a letter says which language it is in; quoted history further down adds only time.
const SAMPLE_LENGTH = 20_000;

export function guessLanguage(text: string): 'ru' | 'en' | null {
  const { cyrillic, latin } = countLetters(withoutLinksAndAddresses(text.slice(0, SAMPLE_LENGTH)));
  const letters = cyrillic + latin;
  if (letters < MIN_LETTERS) return null;
  const cyrillicShare = cyrillic / letters;
  if (cyrillicShare >= RUSSIAN_FROM_CYRILLIC_SHARE) return 'ru';
  if (cyrillicShare <= ENGLISH_UP_TO_CYRILLIC_SHARE) return 'en';
  return null;
}

// Links and addresses are Latin in every language; counting them would pull Russian towards English.
// Dropped word by word: a pattern like /\S+@\S+/ is quadratic on a long run without spaces.
function withoutLinksAndAddresses(text: string): string {
  return text
    .split(/\s+/)
    .filter((word) => !word.includes('@') && !/^(?:https?:|www\.)/i.test(word))
    .join(' ');
}

function countLetters(text: string): { cyrillic: number; latin: number } {
  // Deleting the other characters keeps this linear without building an array per letter.
  const cyrillic = text.replace(/\P{Script=Cyrillic}/gu, '').length;
  const latin = text.replace(/\P{Script=Latin}/gu, '').length;
  return { cyrillic, latin };
}

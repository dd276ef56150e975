// Old Russian mail often carries 8-bit text with no charset, or a wrong one. windows-1251 and KOI8-R
// put the same letters in the same byte range in a different order, so we decode both ways and keep
// the reading whose letters are the more common ones in Russian.

// Lower-case Russian letters, most frequent first (о, е, а ... ъ, ё); a letter's weight is its rank
// from the end, so ordinary words score high and the gibberish a wrong charset makes scores low.
const BY_FREQUENCY = 'оеаинтсрвлкмдпуяыьгзбчйхжшюцщэфъё';

export type CyrillicCharset = 'windows-1251' | 'koi8-r';

export function guessCyrillicCharset(bytes: Uint8Array): CyrillicCharset {
  const cp1251 = letterScore(new TextDecoder('windows-1251').decode(bytes));
  const koi8 = letterScore(new TextDecoder('koi8-r').decode(bytes));
  // windows-1251 wins a tie: it is by far the more common of the two today.
  return koi8 > cp1251 ? 'koi8-r' : 'windows-1251';
}

function letterScore(text: string): number {
  let score = 0;
  for (const char of text.toLowerCase()) {
    const rank = BY_FREQUENCY.indexOf(char);
    if (rank >= 0) score += BY_FREQUENCY.length - rank;
  }
  return score;
}

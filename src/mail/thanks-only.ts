// Whether a client's new text is nothing but thanks («Спасибо!», "ok, thanks"), so a follow-up like
// that need not reopen a case or wait for an answer. Deliberately narrow: anything that states a
// fact or asks ("Спасибо, всё получил", "thanks, but where is my refund?") is not only thanks.
import type { QuotingPatterns } from './quoting-patterns';
import { matchesAny } from './reply-markers';
import { normalizeLine } from './reply-lines';
import { words } from '../text/tokenize';

const QUESTION = /[?？¿]/;
// A name as people sign: capitalised words ("Иван Петров", "Alex"), at most four.
const NAME = /^\p{Lu}[\p{L}'’.-]*(?: \p{Lu}[\p{L}'’.-]*){0,3}[.!]*$/u;
const TRAILING_NAME = /,\s*(\p{Lu}[\p{L}'’.-]*(?: \p{Lu}[\p{L}'’.-]*){0,3})[.!\s]*$/u;
// A closing and a name after thanks are at most a few lines ("С уважением," / "Иван Петров").
const MAX_CLOSING_LINES = 3;

export function isThanksOnly(text: string, patterns: QuotingPatterns): boolean {
  if (QUESTION.test(text)) return false;
  const said = withoutClosing(ownLines(text), patterns).join(' ');
  const saidWords = words(said);
  if (saidWords.length === 0 || saidWords.join(' ').length > patterns.thanks.maxLength) return false;
  return isMadeOfThanks(saidWords, patterns.thanks.phrases, patterns.thanks.extras);
}

/** The client's lines, without the passages they quote to answer (">") and without empty lines. */
function ownLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .filter((line) => !/^\s*>/.test(line))
    .map(normalizeLine)
    .filter((line) => line !== '');
}

/** Drops a closing, a name below thanks, and a name after a comma ("Thanks, Alex"). */
function withoutClosing(lines: readonly string[], patterns: QuotingPatterns): string[] {
  const { phrases, extras } = patterns.thanks;
  // "Thanks" and "Ok" are capitalised like names; they are what is being said, not who says it.
  const isName = (text: string): boolean => NAME.test(text) && splitInto(words(text), phrases, extras) === 0;
  const kept = [...lines];
  for (let n = 0; n < MAX_CLOSING_LINES && kept.length > 1; n++) {
    const last = kept[kept.length - 1] ?? '';
    if (!isName(last) && !matchesAny(patterns.signOffs, last)) break;
    kept.pop();
  }
  const last = kept.length - 1;
  kept[last] = (kept[last] ?? '').replace(TRAILING_NAME, (tail, name: string) => (isName(name) ? '' : tail));
  return kept;
}

function isMadeOfThanks(said: readonly string[], phrases: ThanksList, extras: ThanksList): boolean {
  return splitInto(said, phrases, extras) === 2;
}

/**
 * How the words split into listed phrases and extras: 0 when they cannot, 1 when only extras are
 * needed ("ok"), 2 when some phrase of thanks is among them ("ok thanks").
 */
function splitInto(said: readonly string[], phrases: ThanksList, extras: ThanksList): number {
  if (said.length === 0) return 0;
  const reach = new Array<number>(said.length + 1).fill(0);
  reach[0] = 1;
  for (let i = 0; i < said.length; i++) {
    const from = reach[i] ?? 0;
    if (from === 0) continue;
    for (const [list, makes] of [[phrases, 2], [extras, from]] as const) {
      for (const phrase of list) {
        if (!startsWith(said, i, phrase)) continue;
        const to = i + phrase.length;
        reach[to] = Math.max(reach[to] ?? 0, makes);
      }
    }
  }
  return reach[said.length] ?? 0;
}

type ThanksList = readonly (readonly string[])[];

function startsWith(said: readonly string[], at: number, phrase: readonly string[]): boolean {
  return phrase.length > 0 && phrase.every((word, k) => said[at + k] === word);
}

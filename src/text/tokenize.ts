// Word tokens for matching and learning: letters and digits in any script, lower-cased.
import { stemWord } from './stem';

const WORD = /[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*/gu;

export function words(text: string): string[] {
  return (text.toLowerCase().match(WORD) ?? []).map((w) => w.replace(/ё/g, 'е'));
}

export function stems(text: string): string[] {
  return words(text).map(stemWord);
}

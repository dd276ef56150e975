// What every listing command (cases list, inbound list, rules list) shares: a --limit that must be a
// positive whole number, and a last line that says when the list was cut short and how to see more,
// so a reader never takes the first page for the whole.
import { InvalidArgumentError } from 'commander';

/** commander option parser for --limit: "abc", "0", "-5" and "2.5" are refused with a clear error. */
export function positiveInteger(value: string): number {
  const n = /^\d+$/.test(value.trim()) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError('must be a positive whole number, such as 500');
  return n;
}

export function isTruncated(shown: number, total: number): boolean {
  return shown < total;
}

/** "12 case(s)" when everything is shown; "first 100 of 449 case(s), use --limit to see more" when not. */
export function listingFooter(shown: number, total: number, noun: string): string {
  return isTruncated(shown, total) ? `first ${shown} of ${total} ${noun}, use --limit to see more` : `${total} ${noun}`;
}

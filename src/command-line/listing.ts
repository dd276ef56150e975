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

export interface Listing<T> {
  rows: readonly T[];
  /** How many there are without --limit. */
  total: number;
  noun: string;
  json: boolean;
  line(row: T): string;
  /** The row for --json: one JSON object per line, with stable field names. */
  record(row: T): object;
  /** The last line when the list is whole; listingFooter by default. */
  footer?: string;
}

/**
 * Prints a listing as lines for people, or with --json as one object per line for scripts (jq, a
 * spreadsheet import). JSON lines stay machine-readable: a cut list is said on stderr instead.
 */
export function writeListing<T>(l: Listing<T>, io: { out(line: string): void; err(line: string): void }): void {
  const cut = isTruncated(l.rows.length, l.total);
  const footer = cut || l.footer === undefined ? listingFooter(l.rows.length, l.total, l.noun) : l.footer;
  if (l.json) {
    l.rows.forEach((r) => io.out(JSON.stringify(l.record(r))));
    if (cut) io.err(footer);
    return;
  }
  l.rows.forEach((r) => io.out(l.line(r)));
  io.out(footer);
}

/** Where listing commands write: stdout for the list, stderr for what is about the list. */
export const processListingIo = {
  out: (line: string): void => void process.stdout.write(`${line}\n`),
  err: (line: string): void => void process.stderr.write(`${line}\n`),
};

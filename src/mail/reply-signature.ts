// Where the signature begins in the client's last block of text: a separator ("-- "), a formal
// closing («С уважением,», "Best regards,") or a mobile footer ("Sent from my iPhone"). The
// signature is kept apart, never dropped: staff may need the phone number in it.
import type { QuotingPatterns } from './quoting-patterns';
import { matchesAny } from './reply-markers';
import type { SourceLine } from './reply-lines';

// A longer tail after a separator is more letter, not a signature ("-----" inside a receipt).
const MAX_SIGNATURE_LINES = 15;
// Below a closing: a name, a title, an organisation, phones, a site.
const MAX_LINES_AFTER_CLOSING = 10;
// Mobile footers come in stacks ("Sent from my iPhone" / "Get Outlook for iOS") with at most a
// name or two between them; more unrecognised lines below mean the footer was not the end.
const MAX_OTHER_LINES_AFTER_MOBILE = 3;
// A name and its contact lines, as people sign without a separator.
const MAX_CONTACT_BLOCK_LINES = 6;
// An e-mail address, a link or a phone number: what a weak rule ("-----") must have below it.
const CONTACT = /@|https?:\/\/|www\.|\+?\d[\d ().-]{6,}\d/i;
// "Stavros Xxxxxx" above "via mobile": capitalised words only, as names are written.
const NAME_LINE = /^\p{Lu}[\p{L}'’.-]*(?: \p{Lu}[\p{L}'’.-]*){0,3}$/u;

/** The first line of the signature within lines [start, end), or null when there is none. */
export function findSignatureStart(lines: readonly SourceLine[], start: number, end: number, patterns: QuotingPatterns): number | null {
  const content = (i: number): string => lines[i]?.content ?? '';
  const indexes = range(start, end).filter((i) => content(i) !== '' || lines[i]?.mark === 'signature-start');
  const mobile = indexes.map((i) => matchesAny(patterns.mobileSignatures, content(i)));
  // otherAfter[p]: lines after position p that are not mobile footers.
  const otherAfter = new Array<number>(indexes.length).fill(0);
  for (let p = indexes.length - 2; p >= 0; p--) otherAfter[p] = (otherAfter[p + 1] ?? 0) + (mobile[p + 1] ? 0 : 1);

  for (const [p, i] of indexes.entries()) {
    if (lines[i]?.mark === 'signature-start') return i;
    const text = content(i);
    const rest = indexes.length - p - 1;
    const separator = patterns.signatureSeparators.find((s) => s.regex.test(text));
    if (separator && rest <= MAX_SIGNATURE_LINES) {
      if (!separator.requiresContact || indexes.slice(p + 1).some((j) => CONTACT.test(content(j)))) return i;
    }
    if (mobile[p] && (otherAfter[p] ?? 0) <= MAX_OTHER_LINES_AFTER_MOBILE) return withNameAbove(lines, start, i);
    // A closing with nothing above it ("Gruß Discourse", "Regards") is the whole message.
    if (p > 0 && rest <= MAX_LINES_AFTER_CLOSING && matchesAny(patterns.signOffs, text)) return i;
  }
  return contactBlockStart(lines, indexes);
}

/**
 * A last paragraph that is a name followed by contact details ("Gina Doe" / "gina@example.com" /
 * "(555) 346-9947") is a signature even without a separator or a closing above it.
 */
function contactBlockStart(lines: readonly SourceLine[], indexes: readonly number[]): number | null {
  let p = indexes.length - 1;
  while (p > 0 && indexes[p - 1] === (indexes[p] ?? 0) - 1) p--;
  const block = indexes.slice(p).map((i) => lines[i]?.content ?? '');
  const [name, ...details] = block;
  if (p === 0 || name === undefined || details.length === 0 || block.length > MAX_CONTACT_BLOCK_LINES) return null;
  const contacts = details.filter((d) => CONTACT.test(d)).length;
  return NAME_LINE.test(name) && contacts * 2 >= details.length ? (indexes[p] ?? null) : null;
}

/** A name written right above a mobile footer signs with it, as long as some text stays above. */
function withNameAbove(lines: readonly SourceLine[], start: number, footer: number): number {
  const content = (i: number): string => lines[i]?.content ?? '';
  let first = footer;
  // Same paragraph only: the name is on the line right above, with no blank line between.
  while (NAME_LINE.test(content(first - 1)) && range(start, first - 1).some((i) => content(i) !== '')) first--;
  return first;
}

function range(start: number, end: number): number[] {
  return Array.from({ length: Math.max(0, end - start) }, (_, k) => start + k);
}

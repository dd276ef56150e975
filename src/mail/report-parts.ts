// The machine-readable parts of a delivery report, read from the raw bytes: mailparser folds a
// message/delivery-status part into the body text and keeps no trace of text/rfc822-headers, so a
// bounce's per-recipient fields and the headers of the letter it returns are found here instead.
import { outlineMime, type MimeLeaf } from './mime-outline';

export interface ReportParts {
  /** Decoded bodies of message/delivery-status parts (RFC 3464) and their RFC 6533 global form. */
  deliveryStatus: string[];
  /** Decoded header blocks of the returned letter (text/rfc822-headers, message/rfc822 and kin). */
  returnedHeaders: string[];
  /** Media types of every leaf part, e.g. "message/disposition-notification". */
  mediaTypes: Set<string>;
}

const DELIVERY_STATUS = new Set(['message/delivery-status', 'message/global-delivery-status']);
// message/partial: a returned fragment still starts with the letter's headers (Bigfoot).
const RETURNED = new Set(['text/rfc822-headers', 'message/rfc822', 'message/global', 'message/global-headers', 'message/rfc822-headers', 'message/partial']);
// A DSN part is a few hundred bytes per recipient; a returned letter's headers rarely pass 20 KB.
// Bigger parts are cut, so a hostile report costs bounded work.
const MAX_PART_CHARS = 64 * 1024;
const MAX_PARTS_READ = 20;

export function reportParts(raw: Buffer): ReportParts {
  const parts: ReportParts = { deliveryStatus: [], returnedHeaders: [], mediaTypes: new Set() };
  collect(raw, parts, true);
  return parts;
}

/**
 * `canDescend`: a returned message/rfc822 that is itself a delivery report (a relay forwarding the
 * bounce it got) is read for its own parts instead, once; deeper nesting is not followed.
 */
function collect(raw: Buffer, parts: ReportParts, canDescend: boolean): void {
  const leaves = outlineMime(raw).leaves;
  for (const [i, leaf] of leaves.entries()) {
    parts.mediaTypes.add(leaf.mediaType);
    if (parts.deliveryStatus.length + parts.returnedHeaders.length >= MAX_PARTS_READ) break;
    if (DELIVERY_STATUS.has(leaf.mediaType)) {
      parts.deliveryStatus.push(decodeLeaf(raw, leaf));
    } else if (RETURNED.has(leaf.mediaType)) {
      const content = decodeLeaf(raw, leaf);
      const inner = headerBlockOf(content);
      const found = parts.deliveryStatus.length;
      if (canDescend && /^content-type:[ \t]*multipart\/report/im.test(inner)) collect(Buffer.from(content), parts, false);
      // Headers alone (text/rfc822-headers) of a returned report have no parts to descend into.
      if (parts.deliveryStatus.length === found) parts.returnedHeaders.push(inner);
    } else if (i > 0 && /^message-id[ \t]*:/im.test(raw.subarray(leaf.header.start, leaf.header.end).toString('latin1'))) {
      // A returned letter pasted without a blank line after the boundary: its headers were read
      // as the part's own.
      parts.returnedHeaders.push(raw.subarray(leaf.header.start, leaf.header.end).toString('utf8'));
    }
  }
}

/** The part's content as text: transfer encoding undone, bytes read as UTF-8 (these parts are ASCII or UTF-8). */
function decodeLeaf(raw: Buffer, leaf: MimeLeaf): string {
  const body = raw.subarray(leaf.body.start, Math.min(leaf.body.end, leaf.body.start + MAX_PART_CHARS * 2));
  const bytes = leaf.transferEncoding === 'base64' ? Buffer.from(body.toString('latin1'), 'base64')
    : leaf.transferEncoding === 'quoted-printable' ? decodeQuotedPrintable(body)
    : body;
  return bytes.toString('utf8').slice(0, MAX_PART_CHARS).replace(/^\s*\r?\n/, '');
}

/** Up to the first empty line: a returned letter's body is not ours to read. */
function headerBlockOf(text: string): string {
  const blank = /\r?\n\r?\n/.exec(text);
  return blank ? text.slice(0, blank.index) : text;
}

function decodeQuotedPrintable(body: Buffer): Buffer {
  const text = body.toString('latin1').replace(/=\r?\n/g, '');
  return Buffer.from(text.replace(/=([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1');
}

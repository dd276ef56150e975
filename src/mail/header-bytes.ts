// mailparser reads header bytes as UTF-8, so a subject, name or file name sent as raw 8-bit
// windows-1251 or KOI8-R (Outlook Express, The Bat!, bank and 1C robots) comes out as U+FFFD. Such
// header lines are re-encoded to UTF-8 before mailparser sees them, from the charset the message's
// text parts declare or, when they declare none we can use, the Cyrillic charset the bytes look like.
import { isUtf8 } from 'node:buffer';
import { guessCyrillicCharset } from './guess-cyrillic-charset';
import type { ByteRange } from './mime-outline';

// Declared charsets that say nothing about what 8-bit header bytes are: ASCII and the Unicode
// forms (bytes that are not UTF-8 are not UTF-16 either).
const UNINFORMATIVE = /ascii|^utf|^unicode/;

/** The raw message with every non-UTF-8 header line re-encoded as UTF-8; the same Buffer when none. */
export function repairHeaderBytes(raw: Buffer, headerBlocks: readonly ByteRange[], declaredCharsets: readonly string[], onRepair?: (header: string, charset: string) => void): Buffer {
  const declared = usableCharset(declaredCharsets);
  const pieces: Buffer[] = [];
  let copiedUpTo = 0;
  for (const block of headerBlocks) {
    for (const line of linesOf(raw, block)) {
      const bytes = raw.subarray(line.start, line.end);
      if (isUtf8(bytes)) continue;
      const charset = declared ?? guessCyrillicCharset(bytes);
      onRepair?.(headerNameOf(bytes), charset);
      pieces.push(raw.subarray(copiedUpTo, line.start), Buffer.from(new TextDecoder(charset).decode(bytes)));
      copiedUpTo = line.end;
    }
  }
  if (pieces.length === 0) return raw;
  pieces.push(raw.subarray(copiedUpTo));
  return Buffer.concat(pieces);
}

/** The first declared charset that is a legacy one Node can decode, e.g. "koi8-r". */
function usableCharset(charsets: readonly string[]): string | null {
  for (const charset of charsets) {
    if (UNINFORMATIVE.test(charset) || !canDecode(charset)) continue;
    return charset;
  }
  return null;
}

function canDecode(charset: string): boolean {
  try {
    new TextDecoder(charset);
    return true;
  } catch {
    return false;
  }
}

/** "Subject" for a header line, "(continued)" for a folded continuation line. */
function headerNameOf(line: Buffer): string {
  if (line[0] === 0x20 || line[0] === 0x09) return '(continued)';
  const colon = line.indexOf(0x3a);
  return colon > 0 ? line.subarray(0, Math.min(colon, 60)).toString('latin1') : '(no name)';
}

function linesOf(raw: Buffer, block: ByteRange): ByteRange[] {
  const lines: ByteRange[] = [];
  let start = block.start;
  while (start < block.end) {
    const newline = raw.indexOf(0x0a, start);
    const end = newline === -1 || newline >= block.end ? block.end : newline;
    lines.push({ start, end });
    start = end + 1;
  }
  return lines;
}

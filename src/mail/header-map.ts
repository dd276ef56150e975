// The message's own header fields as a plain map, for checks that need a header mailparser does not
// model (Auto-Submitted, Precedence, Return-Path) and for staff reading a quarantined message.
// Values are unfolded and decoded from bytes, but encoded words are left as sent.
import { toSingleLine } from './plain-text';

// RFC 5322 field names: printable ASCII without a colon. Anything else is a broken line, not a header.
const FIELD_NAME = /^[\x21-\x39\x3b-\x7e]+$/;

/** Header lines as mailparser gives them: lower-cased name, the raw line (bytes as latin1). */
export interface HeaderLine {
  key: string;
  line: string;
}

export function headerMap(lines: readonly HeaderLine[]): Record<string, string[]> {
  // No prototype: a header called "__proto__" or "constructor" must stay just a header.
  const headers: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  for (const { key, line } of lines) {
    const name = key.trim().toLowerCase();
    if (!FIELD_NAME.test(name)) continue;
    const text = Buffer.from(line, 'latin1').toString('utf8');
    const value = toSingleLine(text.slice(text.indexOf(':') + 1), Number.POSITIVE_INFINITY);
    (headers[name] ??= []).push(value);
  }
  return headers;
}

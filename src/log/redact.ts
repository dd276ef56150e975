// Logs leave the organisation's hands (files, collectors): clients' personal data is masked before
// a line is written. Two nets: fields whose key says they hold personal data (names, subjects,
// message text) are masked whole; in every other text, e-mail addresses, phone numbers and the
// display name in front of an address ("Анна Петрова <anna@…>") are masked where they appear.

const EMAIL = /([\p{L}\p{N}._%+-])([\p{L}\p{N}._%+-]*)@([\p{L}\p{N}.-]+\.[\p{L}]{2,})/gu;
// International or Russian-style numbers: +7 (912) 345-67-89, 8 912 345 67 89, +1-202-555-0147.
const PHONE = /(?<![\p{L}\p{N}-])(\+?\d[\d ()-]{8,}\d)(?![\p{L}\p{N}])/gu;
// A display name right before an address in angle brackets: quoted, or up to three capitalised
// words (Фамилия Имя Отчество), so the plain words of a sentence before it stay readable.
const WORD = "\\p{Lu}[\\p{L}\\p{M}.'’-]*";
const DISPLAY_NAME = new RegExp(`(?:"[^"<>]*"|(?:${WORD}\\s+){0,2}${WORD})\\s*(<[^<>\\s]+@[^<>\\s]+>)`, 'gu');

/**
 * Keys (compared without case, "_" or "-") whose values are personal as a whole. Subjects are
 * among them: clients put their names, order and phone numbers and the gist of the complaint
 * there, and the case number (the `case` field) already says which letter a line is about.
 */
const PERSONAL_KEYS = new Set([
  'name', 'fullname', 'firstname', 'lastname', 'displayname', 'clientname', 'fromname', 'toname', 'sendername', 'staffname',
  'phone', 'phonenumber', 'subject', 'text', 'body', 'bodytext', 'html', 'quote', 'signature', 'reply', 'raw', 'source', 'content',
]);

export function isPersonalKey(key: string): boolean {
  return PERSONAL_KEYS.has(key.toLowerCase().replace(/[_-]/g, ''));
}

export function maskPersonalData(text: string): string {
  return text
    .replace(DISPLAY_NAME, (_m, address: string) => `*** ${address}`)
    .replace(EMAIL, (_m, first: string, _rest: string, domain: string) => `${first}***@${domain}`)
    .replace(PHONE, (m: string) => {
      const digits = m.replace(/\D/g, '');
      return digits.length >= 10 ? `***${digits.slice(-2)}` : m;
    });
}

/** A personal value is replaced whole; its size stays, so "empty" and "long" can still be told apart. */
function maskWhole(value: unknown): unknown {
  if (typeof value === 'string') return value === '' ? '' : `[masked, ${value.length} chars]`;
  if (Buffer.isBuffer(value)) return `[masked, ${value.length} bytes]`;
  if (value === null || typeof value !== 'object') return value;
  return Array.isArray(value) ? value.map(maskWhole) : Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskWhole(v)]));
}

/** Masks every string inside a log record, however deep; values under a personal key are masked whole. */
export function maskDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskPersonalData(value);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (Buffer.isBuffer(value)) return `[${value.length} bytes]`;
  if (Array.isArray(value)) return value.map((v) => maskDeep(v, depth + 1));
  if (value instanceof Error) return { name: value.name, message: maskPersonalData(value.message) };
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = maskField(k, v, depth + 1);
  return out;
}

/** One field of a log record: its key decides whether the value is masked whole. */
export function maskField(key: string, value: unknown, depth = 0): unknown {
  return isPersonalKey(key) ? maskWhole(value) : maskDeep(value, depth);
}

// Logs leave the organisation's hands (files, collectors): clients' e-mail addresses and phone
// numbers are masked before a line is written.

const EMAIL = /([\p{L}\p{N}._%+-])([\p{L}\p{N}._%+-]*)@([\p{L}\p{N}.-]+\.[\p{L}]{2,})/gu;
// International or Russian-style numbers: +7 (912) 345-67-89, 8 912 345 67 89, +1-202-555-0147.
const PHONE = /(?<![\p{L}\p{N}-])(\+?\d[\d ()-]{8,}\d)(?![\p{L}\p{N}])/gu;

export function maskPersonalData(text: string): string {
  return text
    .replace(EMAIL, (_m, first: string, _rest: string, domain: string) => `${first}***@${domain}`)
    .replace(PHONE, (m: string) => {
      const digits = m.replace(/\D/g, '');
      return digits.length >= 10 ? `***${digits.slice(-2)}` : m;
    });
}

/** Masks every string inside a log record, however deep. */
export function maskDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskPersonalData(value);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => maskDeep(v, depth + 1));
  if (value instanceof Error) return { name: value.name, message: maskPersonalData(value.message) };
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = maskDeep(v, depth + 1);
  return out;
}

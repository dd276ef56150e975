// Subjects as the fallback threading compares them: "Re: Fwd[2]: Отв: [CMP-2026-000001] Не пришёл
// заказ" and "не пришёл  заказ" are the same conversation. Mail clients in every language add their
// own reply and forward prefixes, repeated and counted.

// English, German (AW, WG), Nordic (SV, VS), Russian (Отв, Ответ, На, Пересл), French (TR), Spanish
// (RV), Portuguese (ENC), Italian (R, I), Dutch (Antw, Doorst), Polish (Odp, PD), Finnish (VL).
const PREFIX = /^\s*(?:re|fwd?|aw|wg|sv|vs|отв|ответ|на|пересл|tr|rv|enc|r|i|antw|doorst|odp|pd|vl)\s*(?:\[\d+\]|\(\d+\)|\^\d+)?\s*[:：]\s*/iu;
const CASE_TAG = (prefix: string): RegExp => new RegExp(`\\[${escape(prefix)}-\\d{4}-\\d+\\]`, 'giu');

/** The subject with every reply/forward prefix and case tag removed; "" when nothing is left. */
export function normalizeSubject(subject: string, casePrefix: string): string {
  let s = subject.replace(CASE_TAG(casePrefix), ' ');
  for (;;) {
    const stripped = s.replace(PREFIX, '');
    if (stripped === s) break;
    s = stripped;
  }
  return s.replace(/\s+/g, ' ').trim();
}

// The key is indexed with the client's address; PostgreSQL refuses index entries over ~2.7 kB, and
// 300 characters tell two conversations apart as well as 1000 do.
const MAX_KEY_LENGTH = 300;

/** The key stored on a case and compared by the fallback: normalised, case-folded, and cut to a bounded length. */
export function subjectKey(subject: string, casePrefix: string): string {
  return [...normalizeSubject(subject, casePrefix).toLowerCase().replace(/ё/g, 'е')].slice(0, MAX_KEY_LENGTH).join('');
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

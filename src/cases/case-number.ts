// Case numbers like CMP-2026-000001 and the subject tag [CMP-2026-000001] that threads replies.

export interface NumberFormat {
  prefix: string;
  digits: number;
}

export function formatCaseNumber(format: NumberFormat, year: number, seq: number): string {
  return `${format.prefix}-${year}-${String(seq).padStart(format.digits, '0')}`;
}

/** Every case number tagged in a subject, in order, without repeats. */
export function caseTagsIn(subject: string, prefix: string): string[] {
  const re = new RegExp(`\\[(${escapeRegExp(prefix)}-\\d{4}-\\d+)\\]`, 'gi');
  const found = [...subject.matchAll(re)].map((m) => (m[1] as string).toUpperCase());
  return [...new Set(found)];
}

/** "[CMP-2026-000001] original subject"; a subject that already carries the tag keeps it once. */
export function taggedSubject(number: string, subject: string): string {
  const trimmed = subject.trim();
  if (trimmed.includes(`[${number}]`)) return trimmed;
  return trimmed ? `[${number}] ${trimmed}` : `[${number}]`;
}

const yearFormatters = new Map<string, Intl.DateTimeFormat>();

/** The year a case is numbered in: the organisation's calendar year, not UTC's. */
export function yearIn(timeZone: string, at: Date): number {
  let formatter = yearFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric' });
    yearFormatters.set(timeZone, formatter);
  }
  return Number(formatter.format(at));
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

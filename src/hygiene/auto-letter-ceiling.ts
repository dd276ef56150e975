// How many automatic letters one client, and all clients together, may get before we stop writing:
// the ceiling that cuts a mail loop (an auto-responder, or a robot that files a "new complaint" in
// answer to each of our letters). Pure: recent counts in, a verdict with its reason out.
import type { LetterKind } from '../store/outbox-repo';

/**
 * Letters to the client that we start without a person deciding. A staff answer, a request for
 * information, a decision or a deadline extension is a person's letter: never counted, never held.
 */
export const AUTOMATIC_CLIENT_LETTERS = ['acknowledgement'] as const satisfies readonly LetterKind[];
export type AutomaticClientLetter = (typeof AUTOMATIC_CLIENT_LETTERS)[number];

/** Letters per window; 0 means no ceiling for that window. */
export interface AutoLetterCeiling {
  perRecipientPerHour: number;
  perRecipientPerDay: number;
  globalPerHour: number;
}

/** Automatic client letters already queued, not counting the one being decided. */
export interface RecentAutoLetters {
  toRecipientLastHour: number;
  toRecipientLastDay: number;
  toAnyoneLastHour: number;
}

declare const passed: unique symbol;
/** Proof that an automatic letter was checked against the ceiling: what toClient asks for one. */
export type CeilingPassed = { readonly [passed]: true; readonly reason: string };

export type CeilingVerdict =
  | { allowed: true; pass: CeilingPassed }
  | { allowed: false; scope: 'recipient' | 'global'; reason: string };

export function isAutomaticClientLetter(kind: LetterKind): kind is AutomaticClientLetter {
  return (AUTOMATIC_CLIENT_LETTERS as readonly LetterKind[]).includes(kind);
}

export function decideAutoLetter(recipient: string, recent: RecentAutoLetters, ceiling: AutoLetterCeiling): CeilingVerdict {
  const checks: Array<{ scope: 'recipient' | 'global'; count: number; limit: number; what: string }> = [
    { scope: 'recipient', count: recent.toRecipientLastHour, limit: ceiling.perRecipientPerHour, what: `to ${recipient} in the last hour` },
    { scope: 'recipient', count: recent.toRecipientLastDay, limit: ceiling.perRecipientPerDay, what: `to ${recipient} in the last 24 hours` },
    { scope: 'global', count: recent.toAnyoneLastHour, limit: ceiling.globalPerHour, what: 'to all clients in the last hour' },
  ];
  const over = checks.find((c) => c.limit > 0 && c.count >= c.limit);
  if (over) return { allowed: false, scope: over.scope, reason: `${over.count} automatic letters ${over.what}, the ceiling is ${over.limit}: held back, not sent` };
  const pass = { reason: `${recent.toRecipientLastHour} automatic letters to ${recipient} in the last hour, ${recent.toRecipientLastDay} in 24 hours: under the ceiling` };
  return { allowed: true, pass: pass as CeilingPassed };
}

/** One mail_loop alert per recipient (or for the global ceiling) per day. */
export function loopAlertKey(verdict: Extract<CeilingVerdict, { allowed: false }>, recipient: string, day: string): string {
  return verdict.scope === 'global' ? `mail_loop:global:${day}` : `mail_loop:${recipient.toLowerCase()}:${day}`;
}

// What a bounce says about one of our letters: which of its recipients failed, with the reason and
// the remote reply to keep on the outbox row. Pure. A report naming an address the letter was not
// sent to (an alias that forwarded it) is about the letter's only recipient, which is the address we
// must stop writing to; a report naming nobody, of a one-recipient letter, is about that recipient.
import type { BouncedRecipient } from '../mail/bounce';
import type { LetterKind, LetterBounceRecord } from '../store/outbox-repo';
import type { Bounce } from './automated-mail';

export interface LetterBounce {
  /** The letter's recipients that failed, as we addressed them; empty when the report names none of them. */
  failed: BouncedRecipient[];
  record: LetterBounceRecord;
}

const MAX_REPLY_CHARS = 1000;

export function bounceOfLetter(bounce: Bounce, envelopeTo: readonly string[]): LetterBounce {
  const failedReported = bounce.recipients.filter((r) => r.action === 'failed');
  const addressed = envelopeTo.map((a) => a.toLowerCase());
  let failed = failedReported.filter((r) => addressed.includes(r.address));
  const only = addressed.length === 1 ? addressed[0] : undefined;
  if (failed.length === 0 && only !== undefined && (failedReported.length > 0 || bounce.recipients.length === 0)) {
    const reported = failedReported[0];
    failed = [reported ? { ...reported, address: only } : { address: only, status: null, action: 'failed', hard: false, reason: 'other', diagnostic: null }];
  }
  const first = failed[0];
  const reply = failed.flatMap((r) => (r.diagnostic ? [r.diagnostic] : [])).join(' | ').slice(0, MAX_REPLY_CHARS) || null;
  const summary = failed.map((r) => `${r.address}: ${[r.status, r.reason].filter(Boolean).join(' ')}${r.diagnostic ? ` (${r.diagnostic.slice(0, 300)})` : ''}`).join('; ');
  return {
    failed,
    record: { status: first?.status ?? null, reason: first?.reason ?? 'other', hard: failed.some((r) => r.hard), reply, summary: `bounced: ${summary}` },
  };
}

/**
 * A bounce of an alert letter raises no alert of its own: the alert about it would go to the same
 * people and, bouncing softly (never suppressed), would start a loop of alerts about alerts.
 */
export function shouldAlertBounce(kind: LetterKind): boolean {
  return kind !== 'alert';
}

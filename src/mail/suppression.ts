// Which addresses we stop writing to after they bounce, and until when. A hard bounce (the address
// is bad) suppresses it for the configured days; soft bounces only when they repeat. The table,
// its clearing by an admin and the CLI are elsewhere: this decides, from a bounce and the clock.
import type { AutomatedKind, BouncedRecipient } from './bounce';

export interface SuppressionPolicy {
  /** Days a hard-bounced address stays suppressed; 0 turns hard-bounce suppression off. */
  hardBounceDays: number;
  /** Repeated soft bounces: `count` of them within `withinDays` suppress the address for `days`. */
  softBounceThreshold?: { count: number; withinDays: number; days: number };
}

export interface SuppressionEntry {
  /** Lower-cased address. */
  address: string;
  until: Date;
  /** For staff and the log: what bounced and what the remote server said. */
  reason: string;
}

/** An earlier soft bounce of an address, as the caller keeps them. */
export interface SoftBounce {
  address: string;
  at: Date;
}

type Bounce = Extract<AutomatedKind, { kind: 'bounce' }>;

const DAY_MS = 24 * 60 * 60 * 1000;
const MAX_DIAGNOSTIC_IN_REASON = 200;

/**
 * The suppressions one bounce causes. Delayed recipients never count. A soft failure counts
 * towards the threshold unless our own letter or server was refused (spam, policy, sender): that
 * is ours to fix, and suppressing the person would only stop us answering them.
 */
export function suppressionFor(bounce: Bounce, policy: SuppressionPolicy, now: Date, earlierSoftBounces: readonly SoftBounce[] = []): SuppressionEntry[] {
  const entries: SuppressionEntry[] = [];
  for (const recipient of bounce.recipients) {
    if (recipient.action !== 'failed') continue;
    const address = normalise(recipient.address);
    if (recipient.hard) {
      if (policy.hardBounceDays > 0) entries.push({ address, until: after(now, policy.hardBounceDays), reason: `hard bounce: ${describe(recipient)}` });
      continue;
    }
    const threshold = policy.softBounceThreshold;
    if (!threshold || threshold.count < 1 || recipient.reason === 'refused') continue;
    const since = now.getTime() - threshold.withinDays * DAY_MS;
    const earlier = earlierSoftBounces.filter((b) => normalise(b.address) === address && b.at.getTime() > since && b.at.getTime() <= now.getTime());
    const count = earlier.length + 1;
    if (count >= threshold.count) {
      entries.push({ address, until: after(now, threshold.days), reason: `${count} soft bounces in ${threshold.withinDays} days, last: ${describe(recipient)}` });
    }
  }
  return entries;
}

/** The entry that holds `address` back at `now` (the one lasting longest), or null. */
export function activeSuppression(address: string, entries: readonly SuppressionEntry[], now: Date): SuppressionEntry | null {
  const wanted = normalise(address);
  let longest: SuppressionEntry | null = null;
  for (const entry of entries) {
    if (normalise(entry.address) !== wanted || entry.until.getTime() <= now.getTime()) continue;
    if (!longest || entry.until.getTime() > longest.until.getTime()) longest = entry;
  }
  return longest;
}

export function isSuppressed(address: string, entries: readonly SuppressionEntry[], now: Date): boolean {
  return activeSuppression(address, entries, now) !== null;
}

function describe(recipient: BouncedRecipient): string {
  const code = recipient.status ? `${recipient.status} ` : '';
  const reply = recipient.diagnostic ? `: ${recipient.diagnostic.slice(0, MAX_DIAGNOSTIC_IN_REASON)}` : '';
  return `${code}${recipient.reason}${reply}`;
}

function after(now: Date, days: number): Date {
  return new Date(now.getTime() + days * DAY_MS);
}

function normalise(address: string): string {
  return address.trim().toLowerCase();
}

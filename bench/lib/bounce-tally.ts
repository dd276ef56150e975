// Counting classifier results per file-name family for bench/bounces.ts: what each family should be
// (from sisimai's naming), what it was, and for bounces whether the addresses agree with the
// message's own Final-Recipient / Original-Recipient fields and whether the original Message-ID is
// one the message really carries below its own header. Both are read here by plain regexes, so the
// checks do not lean on the classifier's own readers.
import type { AutomatedKind } from '../../src/mail/bounce';

export type Kind = AutomatedKind['kind'];

export interface FamilyTally {
  files: number;
  expected: Kind | null;
  byKind: Partial<Record<Kind, number>>;
  matchingExpected: number;
  /** Expected bounces classified other_automated because every recipient was only delayed. */
  delayedOnly: number;
  bounces: {
    total: number;
    withAddress: number;
    withOriginalMessageId: number;
    /** Bounces whose message carries a Message-ID field below its own header (a returned letter's). */
    carryingReturnedMessageId: number;
    /** ...and the classifier's originalMessageId is one of those. */
    originalMessageIdFoundInMessage: number;
    withRecipientFields: number;
    agreeingWithRecipientFields: number;
  };
}

export interface Mismatch {
  file: string;
  expected: Kind | null;
  got: Kind;
  detail: string;
}

/** "sisimai-set-of-emails/bsd__lhost-exim-01.eml" -> "lhost-exim"; other folders are one family each. */
export function familyOf(relativePath: string): string {
  const [folder, name = ''] = relativePath.includes('/') ? [relativePath.slice(0, relativePath.lastIndexOf('/')), relativePath.slice(relativePath.lastIndexOf('/') + 1)] : ['', relativePath];
  const sisimai = /^(bsd|not|err)__(.+?)(-\d+)?\.eml$/.exec(name);
  if (sisimai) return sisimai[1] === 'bsd' ? (sisimai[2] ?? name) : (sisimai[1] ?? name);
  return folder === '' ? 'other' : folder.split('/').pop() ?? folder;
}

/** lhost/rhost/rfc3464/err -> bounce, rfc3834 -> auto_reply, arf -> other_automated, not -> none. */
export function expectedKind(family: string): Kind | null {
  if (/^(lhost|rhost)-|^rfc3464$|^err$/.test(family)) return 'bounce';
  if (family === 'rfc3834') return 'auto_reply';
  if (family === 'arf') return 'other_automated';
  if (family === 'not') return 'none';
  return null;
}

/** Addresses in the raw message's own Final-Recipient and Original-Recipient fields. */
export function recipientFields(raw: Buffer): Set<string> {
  const text = raw.subarray(0, 512 * 1024).toString('latin1');
  const fields = text.matchAll(/^[ \t]*(?:Final|Original)-Recipient[ \t]*:[ \t]*(?:[\w-]+[ \t]*;)?[ \t]*<?([^\s<>;]+@[^\s<>;]+?)>?[ \t]*$/gim);
  return new Set([...fields].map((m) => (m[1] ?? '').toLowerCase()));
}

/** Message-IDs in Message-ID fields below the message's own header block, lower-cased. */
export function returnedMessageIds(raw: Buffer): Set<string> {
  const text = raw.subarray(0, 512 * 1024).toString('latin1');
  const body = text.slice(Math.max(0, text.search(/\r?\n\r?\n/)));
  return new Set([...body.matchAll(/^[ \t>]*Message-ID[ \t]*:[ \t]*(?:\r?\n[ \t]+)?<([^<>\s]+)>/gim)].map((m) => (m[1] ?? '').toLowerCase()));
}

export interface GroundTruth {
  recipients: ReadonlySet<string>;
  messageIds: ReadonlySet<string>;
}

export function emptyTally(expected: Kind | null): FamilyTally {
  return {
    files: 0,
    expected,
    byKind: {},
    matchingExpected: 0,
    delayedOnly: 0,
    bounces: { total: 0, withAddress: 0, withOriginalMessageId: 0, carryingReturnedMessageId: 0, originalMessageIdFoundInMessage: 0, withRecipientFields: 0, agreeingWithRecipientFields: 0 },
  };
}

/** Adds one result to a tally; returns a mismatch when the family's expectation is not met. */
export function addResult(tally: FamilyTally, file: string, result: AutomatedKind, truth: GroundTruth): Mismatch | null {
  tally.files++;
  tally.byKind[result.kind] = (tally.byKind[result.kind] ?? 0) + 1;
  if (result.kind === 'bounce') {
    const b = tally.bounces;
    b.total++;
    if (result.recipients.length > 0) b.withAddress++;
    if (result.originalMessageId) b.withOriginalMessageId++;
    if (truth.messageIds.size > 0) {
      b.carryingReturnedMessageId++;
      if (result.originalMessageId && truth.messageIds.has(result.originalMessageId.toLowerCase())) b.originalMessageIdFoundInMessage++;
    }
    if (truth.recipients.size > 0) {
      b.withRecipientFields++;
      if (result.recipients.length > 0 && result.recipients.every((r) => truth.recipients.has(r.address))) b.agreeingWithRecipientFields++;
    }
  }
  if (tally.expected === null) return null;
  if (result.kind === tally.expected) {
    tally.matchingExpected++;
    return null;
  }
  const detail = result.kind === 'auto_reply' || result.kind === 'other_automated' ? result.reason : result.kind === 'bounce' ? result.format : '';
  if (tally.expected === 'bounce' && result.kind === 'other_automated' && detail.startsWith('delivery delayed')) tally.delayedOnly++;
  return { file, expected: tally.expected, got: result.kind, detail };
}

/** Sums tallies (the expectation is kept only when every part shares it). */
export function sumTallies(tallies: readonly FamilyTally[]): FamilyTally {
  const expectations = new Set(tallies.map((t) => t.expected));
  const total = emptyTally(expectations.size === 1 ? (tallies[0]?.expected ?? null) : null);
  for (const t of tallies) {
    total.files += t.files;
    total.matchingExpected += t.matchingExpected;
    total.delayedOnly += t.delayedOnly;
    for (const [kind, n] of Object.entries(t.byKind) as Array<[Kind, number]>) total.byKind[kind] = (total.byKind[kind] ?? 0) + n;
    for (const key of Object.keys(total.bounces) as Array<keyof FamilyTally['bounces']>) total.bounces[key] += t.bounces[key];
  }
  return total;
}

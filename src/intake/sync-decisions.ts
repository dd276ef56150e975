// What the sync loop should do, decided from the stored watermark and what the server reports.
// Pure, so every branch is tested without a server.
import type { Watermark } from '../store/mailbox-state-repo';

export type SyncPlan =
  | { action: 'resume'; afterUid: number }
  | { action: 'first-sync'; afterUid: 0 }
  | { action: 'rebaseline'; afterUid: 0; previous: string };

export function hasUidValidityChanged(stored: Watermark | null, current: string): boolean {
  return stored !== null && stored.uidvalidity !== current;
}

/**
 * Everything still in the watched folder is unprocessed (processed mail is moved out), so a first
 * sync and a re-baseline both read from the start; the Message-ID guard keeps a re-baseline from
 * answering a message a second time.
 */
export function planSync(stored: Watermark | null, currentUidValidity: string): SyncPlan {
  if (stored === null) return { action: 'first-sync', afterUid: 0 };
  if (hasUidValidityChanged(stored, currentUidValidity)) return { action: 'rebaseline', afterUid: 0, previous: stored.uidvalidity };
  return { action: 'resume', afterUid: stored.lastUid };
}

/** The UIDs to fetch next: above the watermark (a `N:*` search also returns the last UID), oldest first. */
export function nextUids(found: number[], afterUid: number, batchSize: number): number[] {
  return [...new Set(found)].filter((u) => u > afterUid).sort((a, b) => a - b).slice(0, batchSize);
}

/** Where a processed message goes in the mailbox; the journal copies of our own letters go to Sent. */
export function destinationFolder(status: string, folders: { processed: string; quarantine: string; sent: string }): string {
  if (status === 'quarantined') return folders.quarantine;
  return status === 'own_copy' ? folders.sent : folders.processed;
}

/** What the server sent for one UID of a FETCH: nothing at all, or the message with or without its bytes. */
export type FetchAnswer = { source?: Buffer | undefined } | undefined;

/**
 * The message's bytes, or null when the server answered without them (or not at all). Such a UID is
 * asked for again on its own: a batch FETCH can come back short when the server is busy.
 */
export function readableSource(answer: FetchAnswer): Buffer | null {
  return answer?.source !== undefined && answer.source.length > 0 ? answer.source : null;
}

/**
 * Why a UID still has no bytes after it was asked for on its own. The message is then recorded in
 * the ledger as quarantined with this reason (never skipped), so the watermark can move on and an
 * admin finds it in `inbound list --status quarantined` and the Quarantine folder.
 */
export function unreadableReason(uid: number, again: FetchAnswer): string {
  return again === undefined
    ? `the server returned no message for UID ${uid}, asked twice (deleted from the mailbox meanwhile?)`
    : `the server returned UID ${uid} without its content, asked twice`;
}

/** Over the size limit a message is not fetched whole: its size and header block stand for it. */
export function isOverSizeLimit(size: number | undefined, maxMessageBytes: number): boolean {
  return size !== undefined && size > maxMessageBytes;
}

/**
 * The first UIDs of a batch whose bytes, fetched together, come to at most `maxBytes` (always one at
 * least): a batch of fifty 20 MB messages is read a few at a time, not a gigabyte at once. Messages
 * over the limit cost nothing here (only their header block is read); a size the server did not
 * give counts as the limit.
 */
export function takeWithinBytes(uids: number[], sizes: ReadonlyMap<number, number | undefined>, maxBytes: number): number[] {
  const taken: number[] = [];
  let total = 0;
  for (const uid of uids) {
    const size = sizes.get(uid);
    const cost = isOverSizeLimit(size, maxBytes) ? 0 : (size ?? maxBytes);
    if (taken.length > 0 && total + cost > maxBytes) break;
    taken.push(uid);
    total += cost;
  }
  return taken;
}

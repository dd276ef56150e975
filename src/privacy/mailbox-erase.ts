// The mail server keeps its own copies of what `forget` takes out of the store: the client's
// messages in the processed and quarantine folders (or still in the watched one) and the journal
// copies of our letters in the Sent folder. They are found by Message-ID and deleted (expunged).
import type { MailboxCopy } from '../store/privacy-repo';

/** The part of ImapFlow this uses. */
export interface EraseClient {
  list(): Promise<Array<{ path: string }>>;
  getMailboxLock(path: string): Promise<{ release(): void }>;
  search(query: { header: Record<string, string> }, options: { uid: true }): Promise<number[] | false | undefined>;
  fetch(range: string, query: { uid: true; envelope: true }, options: { uid: true }): AsyncIterable<{ uid: number; envelope?: { messageId?: string } }>;
  messageDelete(range: string, options: { uid: true }): Promise<boolean>;
}

export interface EraseResult {
  deleted: number;
  /** Copies the server no longer had (deleted by a person, or by an earlier run). */
  notFound: number;
}

export async function eraseMailboxCopies(client: EraseClient, copies: readonly MailboxCopy[]): Promise<EraseResult> {
  const byFolder = new Map<string, Set<string>>();
  for (const c of copies) byFolder.set(c.folder, (byFolder.get(c.folder) ?? new Set()).add(c.messageId));
  const folders = new Set((await client.list()).map((m) => m.path));
  const result: EraseResult = { deleted: 0, notFound: 0 };
  for (const [folder, ids] of byFolder) {
    if (!folders.has(folder)) {
      result.notFound += ids.size;
      continue;
    }
    const lock = await client.getMailboxLock(folder);
    try {
      for (const id of ids) {
        const uids = await exactMatches(client, id);
        if (uids.length === 0) result.notFound++;
        else {
          await client.messageDelete(uids.join(','), { uid: true });
          result.deleted += uids.length;
        }
      }
    } finally {
      lock.release();
    }
  }
  return result;
}

// SEARCH HEADER matches a substring: only a message whose Message-ID is exactly this one is deleted.
async function exactMatches(client: EraseClient, messageId: string): Promise<number[]> {
  const found = (await client.search({ header: { 'message-id': messageId } }, { uid: true })) || [];
  if (found.length === 0) return [];
  const exact: number[] = [];
  for await (const m of client.fetch(found.join(','), { uid: true, envelope: true }, { uid: true })) {
    if (m.envelope?.messageId?.trim().replace(/^<|>$/g, '') === messageId) exact.push(m.uid);
  }
  return exact;
}

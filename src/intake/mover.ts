// Moves processed messages out of the watched folder: registered ones to Processed, quarantined
// ones to Quarantine, the journal copies of our own letters to Sent. The ledger says what still has to move, so a failed move is retried later.
import type { ImapFlow } from 'imapflow';
import type { Knex } from 'knex';
import type { Logger } from '../log/logger';
import { markMoved, unmovedInbound } from '../store/inbound-repo';
import { destinationFolder } from './sync-decisions';

export interface MoveOptions {
  mailbox: string;
  folders: { processed: string; quarantine: string; sent: string };
}

/** The part of the IMAP session moving needs (ImapFlow's, narrowed so a test can stand in for it). */
export interface MoveClient {
  getMailboxLock(path: string): Promise<{ release(): void }>;
  readonly mailbox: { uidValidity: bigint } | false;
  /** ImapFlow: the UID map when done, false when the server or the connection failed it. */
  messageMove(range: string, destination: string, options: { uid: true }): Promise<unknown>;
}

export async function moveProcessed(client: MoveClient, db: Knex, log: Logger, opts: MoveOptions): Promise<number> {
  const lock = await client.getMailboxLock(opts.mailbox);
  try {
    const uidvalidity = String(client.mailbox ? client.mailbox.uidValidity : '');
    let moved = 0;
    // One group per call: under a flood more is processed all the time, and a loop until none is
    // left would hold up the next fetch for as long as the flood lasts. The rest goes next time.
    const rows = await unmovedInbound(db, opts.mailbox, uidvalidity, 500);
    const byFolder = new Map<string, typeof rows>();
    for (const row of rows) {
      const folder = destinationFolder(row.status, opts.folders);
      byFolder.set(folder, [...(byFolder.get(folder) ?? []), row]);
    }
    for (const [folder, group] of byFolder) {
      // MOVE of a UID someone already moved or deleted is a no-op on the server, so it counts as done.
      // ImapFlow answers a MOVE that failed (NO, or the connection dropped under it: Dovecot
      // restarting) with false instead of throwing; recording that as moved left the messages in
      // the watched folder for good (found by the chaos run). Unrecorded, they move on the next pass.
      const done = await client.messageMove(group.map((r) => r.uid).join(','), folder, { uid: true });
      if (!done) throw new Error(`MOVE of ${group.length} messages to ${folder} failed`);
      await markMoved(db, group.map((r) => r.id), folder);
      moved += group.length;
    }
    if (moved > 0) log.info('intake.moved', { mailbox: opts.mailbox, count: moved });
    return moved;
  } finally {
    lock.release();
  }
}

/** Creates the destination folders when missing; an existing folder is fine. */
export async function ensureFolders(client: ImapFlow, folders: string[]): Promise<void> {
  const existing = new Set((await client.list()).map((m) => m.path));
  for (const folder of folders) if (!existing.has(folder)) await client.mailboxCreate(folder);
}

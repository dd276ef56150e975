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

export async function moveProcessed(client: ImapFlow, db: Knex, log: Logger, opts: MoveOptions): Promise<number> {
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
      await client.messageMove(group.map((r) => r.uid).join(','), folder, { uid: true });
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

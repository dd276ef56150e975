// The folders complaints are taken from, and the lease that guards each: named after the account and
// the folder, so every instance configured for the same mailbox asks for the same lease.
import type { AppConfig } from '../config/schema';

export function intakeMailboxes(imap: Pick<AppConfig['imap'], 'mailbox' | 'mailboxes'>): string[] {
  return [...new Set([imap.mailbox, ...imap.mailboxes])];
}

export function leaseName(imap: Pick<AppConfig['imap'], 'host' | 'port' | 'user'>, mailbox: string): string {
  return `intake:${imap.user}@${imap.host}:${imap.port}/${mailbox}`;
}

// The journal copy of one of our letters, come back through the mailbox: the server's proof that it
// took the letter (see smtp.journal). Told apart from mail by its Message-ID, never a complaint.

export function ownCopyReason(letterId: number): string {
  return `journal copy of our letter #${letterId}: the mail server accepted it`;
}

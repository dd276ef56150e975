// Addresses as the daemon compares and stores them: lower-cased, bare, and only when usable, because
// a case is keyed by who wrote it and an address we cannot send to is no address for a reply.
import type { MailAddress } from './parsed-message';
import { toSingleLine } from './plain-text';

/** The shape mailparser (and most address parsers) produce: a mailbox, or a group of mailboxes. */
export interface AddressEntry {
  name?: string;
  address?: string;
  group?: AddressEntry[];
}

const MAX_NAME_LENGTH = 200;
// One "@", something on each side, nothing that would split it into two addresses when written back.
const USABLE_ADDRESS = /^[^\s@<>,;"]+@[^\s@<>,;"]+$/;
// RFC 5321 caps a path at 256 octets with its brackets: no relay takes a longer address. Bounding it
// also keeps the indexes on addresses within what PostgreSQL accepts.
const MAX_ADDRESS_OCTETS = 254;

/** Lower-cased bare address, or null when there is nothing we could send a reply to. */
export function normalizeAddress(address: string): string | null {
  const bare = address.trim().replace(/^<(.*)>$/, '$1').trim().toLowerCase();
  return USABLE_ADDRESS.test(bare) && Buffer.byteLength(bare) <= MAX_ADDRESS_OCTETS ? bare : null;
}

/** Every usable mailbox in header order, groups replaced by their members. */
export function toMailAddresses(entries: readonly AddressEntry[]): MailAddress[] {
  const out: MailAddress[] = [];
  for (const entry of entries) {
    if (entry.group) {
      out.push(...toMailAddresses(entry.group));
      continue;
    }
    const address = normalizeAddress(entry.address ?? '');
    if (address) out.push({ address, name: toSingleLine(entry.name ?? '', MAX_NAME_LENGTH) });
  }
  return out;
}

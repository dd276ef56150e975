// The sender's address read straight from the raw header bytes, without parsing the message: the
// inbound ledger keeps it so processing can take turns between senders and `forget` can find a
// client's messages that never became a case. Pure and bounded: only the header block is read.

const HEADER_LIMIT = 256 * 1024;
const ADDRESS = /[^\s<>()"',;:@]+@[^\s<>()"',;:@]+/;

/** The lower-cased address in the From header, or null when there is none we can read. */
export function senderAddressOf(raw: Buffer): string | null {
  const head = raw.subarray(0, Math.min(raw.length, HEADER_LIMIT)).toString('latin1');
  const end = head.search(/\r?\n\r?\n/);
  const block = (end >= 0 ? head.slice(0, end) : head).replace(/\r?\n[ \t]+/g, ' ');
  const line = block.split(/\r?\n/).find((l) => /^from\s*:/i.test(l));
  if (!line) return null;
  const value = line.slice(line.indexOf(':') + 1);
  const bracketed = /<([^<>]*@[^<>]*)>/.exec(value)?.[1];
  const found = (bracketed ?? ADDRESS.exec(value.replace(/"[^"]*"/g, ' '))?.[0] ?? '').trim().toLowerCase();
  // Bounded for the ledger's index; an address is at most 320 characters anyway.
  return found.includes('@') ? found.slice(0, 320) : null;
}

// Pure: how a forgotten client's data is rewritten. Their address becomes one pseudonym per run (so
// "these cases came from one client" survives as a count, but nothing leads back to the person),
// their name and every text they wrote are taken out, and our letters to them are cancelled when
// not yet sent. What the store keeps after this is anonymous statistics: counts, causes, times.
import { randomBytes } from 'node:crypto';
import type { OutboxStatus } from '../store/outbox-repo';

/** What stands where the client's text or name was. */
export const FORGOTTEN = '[forgotten]';

export interface Scrubber {
  /** The client's address, lower-cased. */
  address: string;
  /** What the address becomes: nobody can be mailed at it (.invalid never resolves). */
  pseudonym: string;
  /** The names the client gave (display names on their cases), replaced wherever they are quoted. */
  names: readonly string[];
}

export function newPseudonym(random: () => string = () => randomBytes(5).toString('hex')): string {
  return `forgotten-${random()}@forgotten.invalid`;
}

// Two letters are a name only by chance: replacing them would garble every text they occur in.
const MIN_NAME_LENGTH = 3;

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The text with the client's address (any case) replaced by the pseudonym and their names by FORGOTTEN. */
export function scrubText(text: string, s: Scrubber): string {
  let out = text.replace(new RegExp(escape(s.address), 'giu'), s.pseudonym);
  for (const name of [...s.names].sort((a, b) => b.length - a.length)) {
    if (name.trim().length >= MIN_NAME_LENGTH) out = out.replace(new RegExp(escape(name.trim()), 'giu'), FORGOTTEN);
  }
  return out;
}

export function scrubNullable(text: string | null, s: Scrubber): string | null {
  return text === null ? null : scrubText(text, s);
}

/** Letters not yet gone are cancelled (they quote the client); letters sent, failed or bounced keep their row, emptied. */
export function isUnsentLetter(status: OutboxStatus): boolean {
  return status === 'queued' || status === 'retry_wait' || status === 'sending';
}

/** Whether a comma-separated address list (envelope, To, Cc) names the client. */
export function namesAddress(list: string | null, address: string): boolean {
  return (list ?? '').toLowerCase().split(',').some((a) => a.trim() === address);
}

/**
 * Someone else's raw message that names the client (in Cc, say) keeps its bytes but for the
 * client's address and name: read byte for byte (latin1), so nothing else in it changes. A name
 * sent as an encoded word (=?UTF-8?B?...?=) is not recognised here; the address always is.
 */
export function scrubRaw(raw: Buffer, s: Scrubber): Buffer {
  let text = raw.toString('latin1').replace(new RegExp(escape(s.address), 'gi'), s.pseudonym);
  for (const name of s.names) {
    if (name.trim().length >= MIN_NAME_LENGTH) text = text.split(Buffer.from(name.trim(), 'utf8').toString('latin1')).join(FORGOTTEN);
  }
  return Buffer.from(text, 'latin1');
}

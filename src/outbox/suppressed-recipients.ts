// Which recipients of a letter the sender may write to: an address on the suppression list is left
// out of the envelope until its entry runs out or an admin clears it. Pure: the sender reads the list.
import { activeSuppression, type SuppressionEntry } from '../mail/suppression';

export interface RecipientsToSend {
  send: string[];
  held: Array<{ address: string; entry: SuppressionEntry }>;
}

export function splitSuppressed(envelopeTo: readonly string[], entries: readonly SuppressionEntry[], now: Date): RecipientsToSend {
  const out: RecipientsToSend = { send: [], held: [] };
  for (const address of envelopeTo) {
    const entry = activeSuppression(address, entries, now);
    if (entry) out.held.push({ address, entry });
    else out.send.push(address);
  }
  return out;
}

/** For the outbox row and the case history: who was held back, until when and why. */
export function describeHeld(held: RecipientsToSend['held']): string {
  return held.map((h) => `${h.address} is on the suppression list until ${h.entry.until.toISOString()} (${h.entry.reason})`).join('; ');
}

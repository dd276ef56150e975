// The envelope sender (SMTP MAIL FROM) of a letter. With VERP it names the letter, so a bounce, which
// goes to the envelope sender, is tied to its outbox row even when the report quotes nothing of it.
// Only the envelope changes: the bytes stay as queued, so the journal copy and a resend are the same letter.
import { verpReturnPath } from '../mail/verp';

// The Message-IDs newMessageId makes: complaintd.<kind>.<18 random hex digits>@<our domain>. The
// token is "<kind>.<hex>": unguessable, so nobody can suppress a client's address by forging a bounce.
const OUR_MESSAGE_ID = /^complaintd\.([a-z][a-z0-9-]*\.[0-9a-f]{18})@([^@\s]+)$/;
const RFC5321_MAX_LOCAL_PART = 64;

/** The VERP token of one of our letters, or null for a Message-ID we did not make. */
export function letterToken(messageId: string): string | null {
  return OUR_MESSAGE_ID.exec(messageId)?.[1] ?? null;
}

/** The Message-ID a token came from, given the return address it came back to. */
export function messageIdOfToken(token: string, returnAddress: string): string {
  return `complaintd.${token}@${returnAddress.slice(returnAddress.lastIndexOf('@') + 1)}`;
}

/** MAIL FROM for the letter: its VERP address, or the plain one when VERP is off or the address would be too long. */
export function envelopeSender(letter: { envelopeFrom: string; messageId: string }, verp: boolean): string {
  const token = verp ? letterToken(letter.messageId) : null;
  if (token === null) return letter.envelopeFrom;
  const address = verpReturnPath(letter.envelopeFrom, token);
  return address.lastIndexOf('@') <= RFC5321_MAX_LOCAL_PART ? address : letter.envelopeFrom;
}

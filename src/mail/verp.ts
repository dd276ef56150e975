// A return address that names the letter (VERP, with a plus tag): a bounce comes back to
// "complaints+bounce-<token>@org", so it is tied to our outbox row even when the report quotes
// nothing of the letter. The outbox sets it as the envelope sender; bounces are read here.
import type { ParsedMessage } from './parsed-message';

const TOKEN = /^[A-Za-z0-9._-]{1,64}$/;
const TAG = 'bounce-';
// Where the address a bounce was delivered to survives: the delivering server's headers first.
const ENVELOPE_HEADERS = ['delivered-to', 'x-original-to'];

/** "complaints@org.test" and "a1b2" -> "complaints+bounce-a1b2@org.test". */
export function verpReturnPath(returnAddress: string, token: string): string {
  if (!TOKEN.test(token)) throw new Error(`a VERP token is 1-64 of A-Z a-z 0-9 . _ -, not ${JSON.stringify(token)}`);
  const [local, domain] = split(returnAddress);
  return `${local}+${TAG}${token}@${domain}`;
}

/** A plus detail ("bounce-<token>") that is a VERP return address, not a reply token. */
export function isVerpDetail(detail: string): boolean {
  return detail.toLowerCase().startsWith(TAG);
}

/** The token of the VERP address a bounce came back to, or null when it came to another address. */
export function verpTokenOf(bounce: ParsedMessage, returnAddress: string): string | null {
  const [local, domain] = split(returnAddress.toLowerCase());
  const candidates = [...ENVELOPE_HEADERS.flatMap((name) => bounce.headers[name] ?? []), ...bounce.to.map((a) => a.address)];
  for (const candidate of candidates) {
    const address = candidate.trim().replace(/^<|>$/g, '');
    const at = address.lastIndexOf('@');
    if (at === -1 || address.slice(at + 1).toLowerCase() !== domain) continue;
    const prefix = `${local}+${TAG}`;
    const localPart = address.slice(0, at);
    if (!localPart.toLowerCase().startsWith(prefix)) continue;
    const token = localPart.slice(prefix.length);
    if (TOKEN.test(token)) return token;
  }
  return null;
}

function split(address: string): [string, string] {
  const at = address.lastIndexOf('@');
  if (at <= 0 || at === address.length - 1) throw new Error(`not an address: ${JSON.stringify(address)}`);
  return [address.slice(0, at), address.slice(at + 1)];
}

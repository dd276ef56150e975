// Plus-addresses: complaints+<token>@example.org reaches the complaints mailbox (the mail server
// strips the detail part) while carrying the token back to us. Also tells our own addresses, with
// or without a detail part, from everyone else's.
import type { ParsedMessage } from '../mail/parsed-message';
import { normalizeAddress } from '../mail/addresses';
import { issueToken, type TokenFor, type TokenSettings } from './reply-token';

export interface PlusAddressing {
  /** The mailbox address tokens are added to, e.g. complaints@example.org. */
  base: string;
  /** "+" on most servers; some use "-". */
  separator: string;
}

export function replyAddress(p: PlusAddressing, token: string): string {
  const [local, domain] = splitAddress(p.base);
  return `${local}${p.separator}${token}@${domain}`;
}

/** The detail part of the first recipient that is our base address plus a detail, or null. */
export function tokenIn(recipients: readonly string[], p: PlusAddressing): string | null {
  const [local, domain] = splitAddress(p.base.toLowerCase());
  const prefix = `${local}${p.separator}`;
  for (const r of recipients) {
    const [rLocal, rDomain] = splitAddress(r.toLowerCase());
    if (rDomain === domain && rLocal.startsWith(prefix) && rLocal.length > prefix.length) return rLocal.slice(prefix.length);
  }
  return null;
}

/** True for any of `own` (compared without their detail part) and their plus-addresses. */
export function isOwnAddress(address: string, own: readonly string[], separator: string): boolean {
  const bare = withoutDetail(address.toLowerCase(), separator);
  return own.some((o) => withoutDetail(o.toLowerCase(), separator) === bare);
}

/**
 * Every address the message was sent to: To and Cc, and the headers mail servers add on delivery
 * (Delivered-To, X-Original-To, Envelope-To), which keep a plus-address that a Bcc or a list hid.
 */
export function recipientsOf(parsed: Pick<ParsedMessage, 'to' | 'cc' | 'headers'>): string[] {
  const fromHeaders = ['delivered-to', 'x-original-to', 'envelope-to']
    .flatMap((h) => parsed.headers[h] ?? [])
    .flatMap((v) => v.split(/[\s,<>]+/))
    .map((v) => normalizeAddress(v))
    .filter((v): v is string => v !== null);
  return [...new Set([...parsed.to.map((a) => a.address), ...parsed.cc.map((a) => a.address), ...fromHeaders])];
}

function withoutDetail(address: string, separator: string): string {
  const [local, domain] = splitAddress(address);
  const cut = separator ? local.indexOf(separator) : -1;
  return `${cut > 0 ? local.slice(0, cut) : local}@${domain}`;
}

function splitAddress(address: string): [string, string] {
  const at = address.lastIndexOf('@');
  return at < 0 ? [address, ''] : [address.slice(0, at), address.slice(at + 1)];
}

/** The Reply-To for a letter about a case: the plus-address with a fresh signed token, or null when tokens are off. */
export function signedReplyTo(tokens: (TokenSettings & PlusAddressing) | null, t: TokenFor & { now: Date }): string | null {
  return tokens ? replyAddress(tokens, issueToken(tokens, t)) : null;
}

// Every letter we compose names us in a loop header; a message that arrives carrying it is our own
// mail come back (a client's forwarding rule, an alias that redirects, a list), never a complaint.
// X-Loop is the convention procmail, RT and other robots check before answering; X-Complaintd-Loop is
// ours alone, which no other software writes or strips. Headers only: a bounce quoting our letter is a bounce.
import type { ParsedMessage } from './parsed-message';
import { addressesIn } from './bounce-text';

const LOOP_HEADER_NAMES = ['X-Complaintd-Loop', 'X-Loop'] as const;

/** The headers our letters carry, naming the address they come from. */
export function loopHeaders(ourAddress: string): Record<string, string> {
  return Object.fromEntries(LOOP_HEADER_NAMES.map((name) => [name, ourAddress]));
}

/** Why the message is our own letter back ("X-Complaintd-Loop: complaints@org"), or null. */
export function ownLoopReason(msg: Pick<ParsedMessage, 'headers'>, isOwn: (address: string) => boolean): string | null {
  for (const name of LOOP_HEADER_NAMES) {
    const value = msg.headers[name.toLowerCase()]?.find((v) => addressesIn(v).some(isOwn));
    if (value !== undefined) return `our own letter came back (${name}: ${value.trim().slice(0, 80)})`;
  }
  return null;
}

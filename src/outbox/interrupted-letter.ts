// A letter whose send was cut off (the daemon died between handing it to the server and recording
// the reply) may or may not have been accepted. Pure: the journal copy the server delivers back to
// us settles it; without one, the letter is sent again only after the copy had time to arrive.

export interface InterruptedLetter {
  /** When the interrupted attempt started; null for rows from before claims were recorded. */
  claimedAt: string | null;
  /**
   * When the claim ran out, or when the restarted instance adopted it as interrupted: the send
   * ended (the server may have taken it) no later than this. Null for rows from before claims.
   */
  claimedUntil: string | null;
  /** When a journal copy of this letter came back through our mailbox. */
  confirmedAt: string | null;
}

export type InterruptedAction =
  | { action: 'mark_sent'; reason: string }
  | { action: 'wait'; reason: string }
  | { action: 'resend'; reason: string };

export function decideInterrupted(l: InterruptedLetter, o: { now: Date; journal: boolean; graceMs: number }): InterruptedAction {
  if (l.confirmedAt) return { action: 'mark_sent', reason: `interrupted after the server accepted it: its journal copy arrived ${l.confirmedAt}` };
  if (!o.journal) return { action: 'resend', reason: 'interrupted mid-send and no journal to check: sent again with the same Message-ID (a duplicate is possible)' };
  // The grace runs from the last moment the send can have ended, not from its start: a send that
  // hung for longer than the grace (a relay restarting) and was accepted just before the crash
  // would otherwise be sent again at once, while its copy is still on its way.
  const ended = Math.max(l.claimedAt ? Date.parse(l.claimedAt) : -Infinity, l.claimedUntil ? Date.parse(l.claimedUntil) : -Infinity);
  const since = o.now.getTime() - ended;
  if (since < o.graceMs) return { action: 'wait', reason: `interrupted mid-send; waiting up to ${Math.round(o.graceMs / 1000)} s for its journal copy` };
  return { action: 'resend', reason: `interrupted mid-send and no journal copy within ${Math.round(o.graceMs / 1000)} s: the server did not take it, sent again` };
}

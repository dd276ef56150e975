// Senders take turns across the processor's groups too. The store ranks pending rows by their place
// among their sender's pending rows, which restarts at 1 for a flooding sender after each group: on
// its own that lets the flood's next row, older than anyone else's, win every tie. Counting what each
// sender was already served in this pass keeps the turns going round.
import type { PendingTurn } from '../store/inbound-repo';

/** The picked rows in serving order: fewest served (in this pass) plus place in the sender's queue first, then arrival. */
export function inServingOrder(picked: readonly PendingTurn[], served: ReadonlyMap<string, number>): number[] {
  const rank = (p: PendingTurn): number => p.turn + (served.get(p.sender ?? '') ?? 0);
  return [...picked].sort((a, b) => rank(a) - rank(b) || a.id - b.id).map((p) => p.id);
}

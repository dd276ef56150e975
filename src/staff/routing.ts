// Who gets a new case: its department's queue, or one of the department's agents in turn or by the
// lightest load. Pure: the caller counts open cases and remembers the last assignee; this decides and
// says why, for the case history.

export const ROUTING_POLICIES = ['queue', 'round-robin', 'least-open'] as const;

export type RoutingPolicy = (typeof ROUTING_POLICIES)[number];

export interface RoutingInput {
  policy: RoutingPolicy;
  department: { readonly id: string; readonly queue: readonly string[] };
  /** The department's agents, in directory order (ties go to the earlier one). */
  candidates: ReadonlyArray<{ readonly address: string }>;
  /**
   * Open cases per agent address; a missing address has none. Count the cases that still need work:
   * `isOpen(status) && !isDecidedOrClosed(status)` in cases/case-state.
   */
  openCases: ReadonlyMap<string, number>;
  /** The last agent this department's policy chose, for round-robin. */
  lastAssigned: string | null;
}

export interface RoutingDecision {
  assignee: string | null;
  /** Who is told about the new case. */
  notify: string[];
  reason: string;
}

export function chooseAssignee(input: RoutingInput): RoutingDecision {
  const { policy, department, candidates } = input;
  const toQueue = (why: string): RoutingDecision => ({
    assignee: null,
    notify: [...department.queue],
    reason: `${why}: announced to the queue of department ${department.id} (${department.queue.join(', ')})`,
  });
  if (policy === 'queue') return toQueue('routing policy queue');
  if (candidates.length === 0) return toQueue(`routing policy ${policy}, but department ${department.id} has no agents`);

  const chosen = policy === 'round-robin' ? nextInTurn(candidates, input.lastAssigned) : leastLoaded(candidates, input.openCases);
  const why = policy === 'round-robin'
    ? (input.lastAssigned ? `next after ${input.lastAssigned} in turn` : 'first in turn')
    : `fewest open cases (${input.openCases.get(chosen) ?? 0})`;
  return { assignee: chosen, notify: [chosen], reason: `routing policy ${policy}: assigned to ${chosen} of department ${department.id}, ${why}` };
}

function nextInTurn(candidates: RoutingInput['candidates'], last: string | null): string {
  // A last assignee who has left the department restarts the turn rather than skipping anyone.
  const at = last === null ? -1 : candidates.findIndex((c) => c.address === last);
  return (candidates[(at + 1) % candidates.length] as { address: string }).address;
}

function leastLoaded(candidates: RoutingInput['candidates'], openCases: ReadonlyMap<string, number>): string {
  let best = candidates[0] as { address: string };
  for (const c of candidates) if ((openCases.get(c.address) ?? 0) < (openCases.get(best.address) ?? 0)) best = c;
  return best.address;
}

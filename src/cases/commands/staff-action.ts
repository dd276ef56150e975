// What a staff letter asks for, once its commands are checked: the typed actions the applier carries
// out in one transaction. Which state-machine event each action is lives here too, so the resolver
// (which refuses impossible steps before anything is applied) and the applier cannot disagree.
import type { CaseEvent } from '../case-state';
import type { DecisionOutcome } from '../decision-outcome';
import type { CasePriority } from '../../rules/case-priority';
import type { SettableStatus } from './command-table';

export type StaffAction =
  | { type: 'setStatus'; status: SettableStatus }
  /** A directory member's address; the new assignee is told. */
  | { type: 'assign'; address: string }
  | { type: 'setCategory'; id: string }
  | { type: 'setPriority'; priority: CasePriority }
  | { type: 'setDepartment'; id: string }
  | { type: 'setDeadline'; at: Date; reason: string }
  /** Internal: recorded on the case, never sent to the client. */
  | { type: 'note'; text: string }
  /** Sent to the client as a request for information; the case waits for the answer. */
  | { type: 'ask'; text: string }
  /** Sent to the client: the organisation's answer. */
  | { type: 'reply'; text: string }
  /** The reasoning is the letter to the client; with needsApproval it leaves only once approved. */
  | { type: 'decide'; outcome: DecisionOutcome; reasoning: string; needsApproval: boolean }
  | { type: 'approve' }
  /** Back to the agent who decided, with the supervisor's reason. */
  | { type: 'return'; reason: string }
  | { type: 'close' }
  | { type: 'reopen' }
  /** This case ends, merged into the case with this number. */
  | { type: 'merge'; into: string };

/** The state-machine step an action takes, or null for one that leaves the status alone. */
export function caseEventOf(action: StaffAction): CaseEvent | null {
  switch (action.type) {
    case 'setStatus': return { type: action.status === 'in_progress' ? 'take' : 'ask_client' };
    case 'ask': return { type: 'ask_client' };
    case 'decide': return { type: 'decide', requiresApproval: action.needsApproval };
    case 'approve': return { type: 'approve' };
    case 'return': return { type: 'return' };
    case 'close': return { type: 'close' };
    case 'reopen': return { type: 'reopen' };
    case 'merge': return { type: 'merged' };
    default: return null;
  }
}

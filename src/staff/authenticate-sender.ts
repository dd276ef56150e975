// May this letter on a case act as staff? A From header is easy to forge, so a directory address
// alone is never enough: it also needs our staff reply token for this case, or our own mail server's
// DKIM/SPF pass. Anything else that tries to act as staff is refused with a stable security event.
import type { StaffMember } from './directory';
import type { AuthVerdict } from './authentication-results';

/** What verifying the reply token found; for staff tokens the HMAC covers the From address. */
export type ReplyTokenCheck =
  | { status: 'none' }
  | { status: 'invalid'; kind: 'client' | 'staff' | 'unknown'; reason: string }
  | { status: 'valid'; kind: 'client' | 'staff'; caseId: number };

export interface SenderInput {
  fromAddress: string;
  /** The directory's entry for the From address, or null. */
  member: StaffMember | null;
  token: ReplyTokenCheck;
  caseId: number;
  /** The From is the case's client. */
  isCaseClient: boolean;
  /** isAuthenticatedFor over the letter's Authentication-Results; null when no check is configured. */
  auth: AuthVerdict | null;
  hasCommands: boolean;
  /** The case's client is among the letter's To or Cc: it already has this letter from its sender. */
  addressedToClient: boolean;
}

export const SECURITY_EVENTS = [
  /** A directory From without a token or a trusted pass: a forged From, or staff writing from outside. */
  'security.forged_staff_from',
  /** A valid staff token issued for a different case. */
  'security.staff_token_other_case',
  /** Someone outside the directory presents a staff token: a client quoting one, or a forgery. */
  'security.staff_token_not_staff',
  /** A valid staff token from an address no longer in the directory. */
  'security.departed_staff',
  /** A directory From whose staff token fails verification, without a trusted pass either. */
  'security.staff_token_invalid',
] as const;

export type SecurityEvent = (typeof SECURITY_EVENTS)[number];

export type SenderDecision =
  | { kind: 'staff'; member: StaffMember; via: 'token' | 'dkim' | 'spf' }
  /** A client's or anyone else's letter: kept on the case, its # lines are text, never commands. */
  | { kind: 'ordinary'; reason: string }
  /**
   * A colleague's unverified reply-all on the client's thread: kept on the case as a copy, neither
   * sent nor applied. The client already has it from its sender, so it asks the daemon for nothing.
   */
  | { kind: 'cc_copy'; member: StaffMember; reason: string }
  /** Tried to act as staff and may not: kept as an ordinary message, recorded, the supervisor told. */
  | { kind: 'refused'; event: SecurityEvent; reason: string };

export function authenticateSender(input: SenderInput): SenderDecision {
  const { member, token, fromAddress } = input;
  const refused = (event: SecurityEvent, reason: string): SenderDecision => ({ kind: 'refused', event, reason });

  if (token.status === 'invalid' && token.kind === 'staff' && !member) {
    return refused('security.staff_token_not_staff', `${fromAddress} is not in the staff directory but the letter carries a staff reply token (${token.reason})`);
  }
  // A staff member who complained is the client on their own case: their letters never act on it.
  if (input.isCaseClient) return { kind: 'ordinary', reason: `${fromAddress} is the case's client` };
  if (token.status === 'valid' && token.kind === 'staff') {
    if (!member) return refused('security.departed_staff', `${fromAddress} holds a valid staff reply token but is no longer in the staff directory`);
    if (token.caseId !== input.caseId) return refused('security.staff_token_other_case', `the staff reply token of ${fromAddress} was issued for case #${token.caseId}, not #${input.caseId}`);
    return { kind: 'staff', member, via: 'token' };
  }
  if (!member) return { kind: 'ordinary', reason: `${fromAddress} is neither the case's client nor in the staff directory` };
  if (input.auth?.ok) return { kind: 'staff', member, via: input.auth.via };

  const unverified = input.auth ? `no valid staff reply token, and ${input.auth.reason}` : 'no valid staff reply token, and no Authentication-Results check is configured';
  if (token.status === 'invalid' && token.kind === 'staff') {
    return refused('security.staff_token_invalid', `the staff reply token of ${fromAddress} fails verification (${token.reason}); ${unverified}`);
  }
  if (!input.hasCommands && input.addressedToClient) {
    return { kind: 'cc_copy', member, reason: `unverified letter from staff address ${fromAddress} that was also sent to the client: kept as a copy, not sent or applied (${unverified})` };
  }
  // Unverified, it may neither command nor speak for the organisation to the client.
  return refused('security.forged_staff_from', `letter from staff address ${fromAddress} ${input.hasCommands ? 'with' : 'without'} commands is not authenticated: ${unverified}`);
}

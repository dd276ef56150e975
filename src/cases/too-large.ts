// A message over mail.maxMessageBytes: only its header block was fetched, the message itself stays
// in the mailbox (moved to the quarantine folder). Staff are alerted, and the client is answered by
// the policy: a case registered from the headers, or a letter saying how to send it again. Silence
// is the one answer a complaints desk must never give. Pure: what to do and what to say.
export const TOO_LARGE_POLICIES = ['registered', 'too-large'] as const;
export type TooLargePolicy = (typeof TOO_LARGE_POLICIES)[number];

export interface TooLargeMessage {
  size: number;
  limit: number;
  mailbox: string;
  uid: number;
}

export type TooLargeAnswer =
  /** Registered as a new case from its headers; the case's first letter is client-too-large. */
  | { kind: 'register' }
  /** Recorded on the case it answers; its client is sent client-too-large on that case. */
  | { kind: 'follow_up'; tellClient: boolean }
  /** No case: the sender is sent client-too-large saying how to send it. */
  | { kind: 'tell' }
  /** Nobody to answer (automated mail, no sender, a duplicate): staff's alert is the whole answer. */
  | { kind: 'none'; why: string };

/** `plan` is what the pipeline planned for the message from its headers (its outcome and reason). */
export function decideTooLargeAnswer(plan: { outcome: string; reason: string; fromClient?: boolean }, policy: TooLargePolicy): TooLargeAnswer {
  switch (plan.outcome) {
    case 'registered':
      return policy === 'registered' ? { kind: 'register' } : { kind: 'tell' };
    case 'follow_up':
      return { kind: 'follow_up', tellClient: plan.fromClient === true };
    default:
      return { kind: 'none', why: plan.reason };
  }
}

/** Megabytes with one decimal, as a person reads a size. */
export function megabytes(bytes: number): string {
  return (bytes / 1_048_576).toFixed(1);
}

/** The quarantine reason, shown to staff in the alert and in `inbound list`. */
export function tooLargeReason(m: TooLargeMessage): string {
  return `too large: ${m.size} bytes (${megabytes(m.size)} MB), over mail.maxMessageBytes ${m.limit}; only its header block was read, the message is kept whole in the mailbox (UID ${m.uid} of ${m.mailbox}, moved to the quarantine folder)`;
}

/** What the case shows as the complaint's text: the body was never read. */
export function tooLargeNote(m: TooLargeMessage): string {
  return `[The message is ${megabytes(m.size)} MB, over the ${megabytes(m.limit)} MB limit: only its headers were read. Read it whole in the mailbox's quarantine folder (UID ${m.uid} of ${m.mailbox}).]`;
}

/** What the client-too-large template is given besides the case, if any. */
export function tooLargeLetterData(m: TooLargeMessage, registered: boolean, subject: string): Record<string, unknown> {
  return { registered, message: { subject, sizeMb: megabytes(m.size) }, limitMb: megabytes(m.limit) };
}

export const TOO_LARGE_WHAT_TO_DO = 'Only its header block is in the store; open the message in the mailbox\'s quarantine folder and read it there. The client was answered as mail.tooLarge says (see the case, or the outbox); if a person wrote it and no case was registered, register it by hand.';

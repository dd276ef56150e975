// Which case does an inbound message belong to, and why. Pure: the caller looks up the candidates
// (cases holding a referenced Message-ID, the case a reply token names, cases named by a subject
// tag, open cases with the sender's subject) and this decides, in the order of how much each
// signal can be trusted. Every outcome carries its reason for the case history.
import type { TokenVerdict } from '../staff/reply-token';

export interface HeaderMatch {
  caseId: number;
  caseNumber: string;
  messageId: string;
  /** out: one of our letters; in: the client's own earlier message. */
  direction: 'in' | 'out';
  via: 'in-reply-to' | 'references';
}

export interface CaseRef {
  caseId: number;
  caseNumber: string;
}

export interface TagMatch extends CaseRef {
  clientAddress: string;
  /** Everyone who was on the case's thread (From/To/Cc of its letters), minus our own addresses. */
  participants: readonly string[];
}

export interface SubjectMatch extends CaseRef {
  /** The case's latest message, ISO time. */
  lastMessageAt: string;
}

export interface ThreadInput {
  fromAddress: string;
  /** The sender's address is in the staff directory: staff write about any case (whether they may act is decided later). */
  senderIsStaff: boolean;
  headerMatches: HeaderMatch[];
  /** The reply token found in a recipient address, and the case it names when that case exists. */
  token: { verdict: TokenVerdict; kase: CaseRef | null };
  tagMatches: TagMatch[];
  /** Open cases of this sender with the same normalised subject. */
  subjectMatches: SubjectMatch[];
  fallbackWindowDays: number;
  now: Date;
}

export type ThreadVia = 'header' | 'token' | 'tag' | 'subject';

export type ThreadDecision =
  | { kind: 'follow_up'; caseId: number; caseNumber: string; via: ThreadVia; reason: string; notes: string[] }
  | { kind: 'new'; reason: string; linkTo: (CaseRef & { reason: string }) | null; notes: string[] };

const DAY_MS = 86_400_000;

export function decideThread(input: ThreadInput): ThreadDecision {
  const notes = tokenNotes(input.token);
  const followUp = (ref: CaseRef, via: ThreadVia, reason: string): ThreadDecision => ({ kind: 'follow_up', caseId: ref.caseId, caseNumber: ref.caseNumber, via, reason, notes });

  // In-Reply-To is the most direct statement of what the sender answered; then References.
  const byHeader = [...input.headerMatches].sort((a, b) => rank(a) - rank(b))[0];
  if (byHeader) {
    const what = byHeader.direction === 'out' ? 'our letter' : 'an earlier message';
    return followUp(byHeader, 'header', `${byHeader.via === 'in-reply-to' ? 'In-Reply-To' : 'References'} names ${what} <${byHeader.messageId}> of case ${byHeader.caseNumber}`);
  }

  const { verdict, kase } = input.token;
  if (verdict.status === 'valid' && kase) {
    return followUp(kase, 'token', `sent to the reply address of case ${kase.caseNumber} (signed ${verdict.kind} token)`);
  }

  const trusted = input.tagMatches.find((t) => isParticipant(t, input.fromAddress)) ?? (input.senderIsStaff ? input.tagMatches[0] : undefined);
  if (trusted) {
    const who = trusted.clientAddress === input.fromAddress ? 'the case\'s client' : isParticipant(trusted, input.fromAddress) ? 'a participant of its thread' : 'in the staff directory';
    return followUp(trusted, 'tag', `subject carries the tag [${trusted.caseNumber}] and the sender is ${who}`);
  }
  const named = input.tagMatches[0];
  if (named) {
    // A tag is easy to copy; from a stranger it must not change another client's case.
    const reason = `subject names case ${named.caseNumber}, but the sender was never on its thread`;
    return { kind: 'new', reason: `${reason}: a new case linked to it`, linkTo: { caseId: named.caseId, caseNumber: named.caseNumber, reason }, notes };
  }

  const recent = input.subjectMatches
    .filter((m) => input.now.getTime() - Date.parse(m.lastMessageAt) <= input.fallbackWindowDays * DAY_MS)
    .sort((a, b) => Date.parse(b.lastMessageAt) - Date.parse(a.lastMessageAt))[0];
  if (recent) {
    return followUp(recent, 'subject', `fallback: same sender and subject as open case ${recent.caseNumber}, last message ${recent.lastMessageAt.slice(0, 10)} (within ${input.fallbackWindowDays} days)`);
  }
  return { kind: 'new', reason: 'no reference to a known case', linkTo: null, notes };
}

function isParticipant(t: TagMatch, from: string): boolean {
  return t.clientAddress === from || t.participants.includes(from);
}

function rank(m: HeaderMatch): number {
  return m.via === 'in-reply-to' ? 0 : 1;
}

/** A bad or forged token is never trusted; it is noted so the log and the history can say so. */
function tokenNotes(token: ThreadInput['token']): string[] {
  const v = token.verdict;
  if (v.status === 'invalid') return [`reply token ignored: ${v.reason}`];
  if (v.status === 'valid' && !token.kase) return ['reply token ignored: it names a case that does not exist'];
  return [];
}

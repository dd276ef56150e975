// Which case does an inbound message belong to, and why. Pure: the caller looks up the candidates
// (cases holding a referenced Message-ID, cases named by a subject tag) and this decides.

export interface HeaderMatch {
  caseId: number;
  caseNumber: string;
  messageId: string;
  /** out: one of our letters; in: the client's own earlier message. */
  direction: 'in' | 'out';
  via: 'in-reply-to' | 'references';
}

export interface TagMatch {
  caseId: number;
  caseNumber: string;
  clientAddress: string;
}

export interface ThreadInput {
  fromAddress: string;
  headerMatches: HeaderMatch[];
  tagMatches: TagMatch[];
}

export type ThreadDecision =
  | { kind: 'follow_up'; caseId: number; caseNumber: string; reason: string }
  | { kind: 'new'; reason: string };

export function decideThread(input: ThreadInput): ThreadDecision {
  // In-Reply-To is the most direct statement of what the sender answered; then References.
  const byHeader = [...input.headerMatches].sort((a, b) => rank(a) - rank(b))[0];
  if (byHeader) {
    const what = byHeader.direction === 'out' ? 'our letter' : 'the client\'s earlier message';
    return {
      kind: 'follow_up',
      caseId: byHeader.caseId,
      caseNumber: byHeader.caseNumber,
      reason: `${byHeader.via === 'in-reply-to' ? 'In-Reply-To' : 'References'} names ${what} <${byHeader.messageId}> of case ${byHeader.caseNumber}`,
    };
  }
  const fromClient = input.tagMatches.find((t) => t.clientAddress === input.fromAddress);
  if (fromClient) {
    return {
      kind: 'follow_up',
      caseId: fromClient.caseId,
      caseNumber: fromClient.caseNumber,
      reason: `subject carries the tag [${fromClient.caseNumber}] and the sender is the case's client`,
    };
  }
  const stranger = input.tagMatches[0];
  if (stranger) {
    // A tag is easy to copy; from someone else it must not change another client's case.
    return { kind: 'new', reason: `subject names case ${stranger.caseNumber}, but the sender is not that case's client` };
  }
  return { kind: 'new', reason: 'no reference to a known case' };
}

function rank(m: HeaderMatch): number {
  return m.via === 'in-reply-to' ? 0 : 1;
}

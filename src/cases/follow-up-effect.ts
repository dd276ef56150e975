// What a follow-up does to the case it threads to. Pure: a client's answer resumes a case that waited
// for it, a new problem on a recently decided case reopens it, thanks change nothing, and a letter on
// a case closed long ago starts a new case linked to the old one. Automated mail only ever records.

export interface FollowUpContext {
  status: string;
  /** ISO times; the later of the two is when the case stopped being worked on. */
  decidedAt: string | null;
  closedAt: string | null;
  automated: boolean;
  thanksOnly: boolean;
  reopenWindowDays: number;
  now: Date;
}

export type FollowUpEffect =
  | { kind: 'record'; reason: string }
  | { kind: 'resume'; reason: string }
  | { kind: 'reopen'; reason: string }
  | { kind: 'thanks'; reason: string }
  | { kind: 'new_linked_case'; reason: string };

const DAY_MS = 86_400_000;
const FINISHED = new Set(['decided', 'closed']);

export function decideFollowUpEffect(c: FollowUpContext): FollowUpEffect {
  if (c.automated) return { kind: 'record', reason: 'automated mail is recorded and never changes a case' };
  if (c.status === 'awaiting_info') return { kind: 'resume', reason: 'the client answered while the case waited for information: work resumes' };
  if (!FINISHED.has(c.status)) return { kind: 'record', reason: `recorded on the open case (${c.status})` };

  if (c.thanksOnly) return { kind: 'thanks', reason: `only thanks on a ${c.status} case: recorded, nothing changes` };
  const since = latest(c.decidedAt, c.closedAt);
  const ageDays = since === null ? Infinity : (c.now.getTime() - Date.parse(since)) / DAY_MS;
  if (ageDays <= c.reopenWindowDays) {
    return { kind: 'reopen', reason: `a new message on a case ${c.status} ${formatDays(ageDays)} ago (within ${c.reopenWindowDays} days): reopened` };
  }
  return { kind: 'new_linked_case', reason: `the case was ${c.status} ${formatDays(ageDays)} ago (over ${c.reopenWindowDays} days): a new case linked to it` };
}

function latest(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return Date.parse(a) >= Date.parse(b) ? a : b;
}

function formatDays(days: number): string {
  if (!Number.isFinite(days)) return 'an unknown time';
  const whole = Math.floor(days);
  return whole === 1 ? '1 day' : `${whole} days`;
}

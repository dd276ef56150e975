// What the pipeline takes a message for: a bounce of a letter (found by the bounce reader), our own
// letter come back (the loop header), other machine mail (its headers say so), or a person's letter.
// Pure. A guess from the subject alone ("Автоответ", "Out of office") is not enough to leave a
// letter unanswered: a person may write such a subject, and the ceiling stops a loop anyway.
import { detectAutomated, type AutomatedVerdict } from '../mail/auto-reply';
import { classifyAutomatedMail, type AutomatedKind } from '../mail/bounce';
import { ownLoopReason } from '../mail/loop-header';
import type { ParsedMessage } from '../mail/parsed-message';

export type Bounce = Extract<AutomatedKind, { kind: 'bounce' }>;

export interface AutomatedReading {
  verdict: AutomatedVerdict;
  kind: AutomatedKind;
}

export function readAutomated(parsed: ParsedMessage, raw: Buffer, isOwn: (address: string) => boolean): AutomatedReading {
  const kind = classifyAutomatedMail(parsed, raw);
  if (kind.kind === 'bounce') return { verdict: { automated: true, reason: describeBounce(kind) }, kind };
  const loop = ownLoopReason(parsed, isOwn);
  if (loop) return { verdict: { automated: true, reason: loop }, kind: { kind: 'other_automated', reason: loop } };
  const byHeaders = detectAutomated(parsed);
  if (!byHeaders.automated) return { verdict: byHeaders, kind: { kind: 'none' } };
  // The bounce reader names machine mail more exactly ("delivery delayed, still being retried").
  return { verdict: { automated: true, reason: kind.kind === 'none' ? byHeaders.reason : kind.reason }, kind };
}

/** "bounce (rfc3464): gone@example.org 5.1.1 no_such_user" */
export function describeBounce(bounce: Bounce): string {
  const failed = bounce.recipients.filter((r) => r.action === 'failed');
  const who = failed.map((r) => [r.address, r.status, r.reason].filter(Boolean).join(' ')).join(', ');
  return `bounce (${bounce.format})${who ? `: ${who}` : ''}`;
}

// Letters about a case, to the client or to staff, all built the same way: rendered in the reader's
// language from a template, the case tag in the subject, a signed Reply-To that lets the reader answer
// by replying (the client's token, a member's own, or their department's), queued in the outbox in
// the caller's transaction. Letters to the client continue the client's thread.
import type { Knex } from 'knex';
import type { CaseRow } from '../store/case-repo';
import type { LetterKind } from '../store/outbox-repo';
import { threadOfCase } from '../store/message-repo';
import type { TemplateName } from '../templates/catalogue';
import type { Locale } from '../templates/localized-text';
import type { TokenFor } from '../staff/reply-token';
import type { AutomaticClientLetter, CeilingPassed } from '../hygiene/auto-letter-ceiling';
import { signedReplyTo } from '../staff/reply-address';
import { queueCaseLetter } from './case-letter';
import { taggedSubject } from './case-number';
import { caseView, localeOf } from './case-view';
import type { Desk } from './desk';

export interface StaffRecipient {
  address: string;
  locale: Locale;
  /** What the reply token lets the reader do: act as this member, or as any member of this department. */
  token: TokenFor;
}

export interface LetterSpec {
  kind: LetterKind;
  template: TemplateName;
  data: Record<string, unknown>;
  now: Date;
}

/** A directory member (or an address outside it) as a reader of staff letters about this case. */
export function memberRecipient(desk: Desk, caseId: number, address: string): StaffRecipient {
  const member = desk.directory.byAddress(address);
  return { address, locale: member?.locale ?? desk.defaultLocale, token: { kind: 'staff', caseId, staffAddress: address } };
}

/** Who hears about the case: its assignee, or else its department's queue (and its supervisor's token rules). */
export function caseRecipients(desk: Desk, kase: CaseRow): StaffRecipient[] {
  if (kase.assignee) return [memberRecipient(desk, kase.id, kase.assignee)];
  const department = kase.department ? desk.categories.departments.get(kase.department) : undefined;
  if (!department) return desk.alsoNotify.map((a) => memberRecipient(desk, kase.id, a));
  return department.queue.map((address) => ({ address, locale: desk.defaultLocale, token: { kind: 'department' as const, caseId: kase.id, department: department.id } }));
}

/** An automatic letter (the acknowledgement) needs the ceiling's pass: hygiene/auto-letter-gate.ts is its only way here. */
export type ClientLetterSpec = LetterSpec & ({ kind: Exclude<LetterKind, AutomaticClientLetter> } | { kind: AutomaticClientLetter; ceiling: CeilingPassed });

export async function toClient(trx: Knex, desk: Desk, kase: CaseRow, l: ClientLetterSpec): Promise<{ outboxId: number; messageId: string }> {
  const locale = localeOf(desk.catalogue.locales.includes(kase.locale) ? kase.locale : desk.defaultLocale, desk.defaultLocale);
  const rendered = desk.catalogue.render(l.template, locale, { ...caseView(desk, kase, locale, l.now), ...l.data });
  const thread = await threadOfCase(trx, kase.id, kase.clientAddress);
  return queueCaseLetter(trx, {
    caseId: kase.id, caseNumber: kase.number, kind: l.kind, from: desk.from, to: [kase.clientAddress],
    replyTo: signedReplyTo(desk.tokens, { kind: 'client', caseId: kase.id, now: l.now }),
    letter: { ...rendered, subject: taggedSubject(kase.number, rendered.subject) },
    inReplyTo: thread.lastFromClient, references: thread.references, autoSubmitted: 'auto-replied', now: l.now, withheld: desk.backfill,
  });
}

export async function toStaff(trx: Knex, desk: Desk, kase: CaseRow, r: StaffRecipient, l: LetterSpec): Promise<{ outboxId: number; messageId: string }> {
  const rendered = desk.catalogue.render(l.template, r.locale, { ...caseView(desk, kase, r.locale, l.now), ...l.data });
  return queueCaseLetter(trx, {
    caseId: kase.id, caseNumber: kase.number, kind: l.kind, from: desk.from, to: [r.address],
    replyTo: signedReplyTo(desk.tokens, { ...r.token, now: l.now }),
    letter: { ...rendered, subject: taggedSubject(kase.number, rendered.subject) },
    inReplyTo: null, references: [], autoSubmitted: 'auto-generated', now: l.now, withheld: desk.backfill,
  });
}

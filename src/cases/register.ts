// Registers a new complaint as a case: number, case row with its deadline, the message and its
// attachments, history with reasons, the assignee or queue by the routing policy, and the
// acknowledgement and staff announcements queued in the outbox, all in the caller's transaction, so
// either everything happens or nothing does.
import type { Knex } from 'knex';
import type { MailAddress, ParsedMessage } from '../mail/parsed-message';
import type { CategoryVerdict } from '../rules/verdict';
import { chooseLocale } from '../templates/choose-locale';
import { insertCase, lastAssigneeIn, nextSequence, openCasesByAssignee, type CaseRow } from '../store/case-repo';
import { insertAttachments, insertMessage } from '../store/message-repo';
import { addHistory, addHistoryLines, type HistoryEntry } from '../store/history-repo';
import { addParticipants } from '../store/participant-repo';
import { addLink, type LinkRelation } from '../store/case-link-repo';
import { chooseAssignee, type RoutingDecision } from '../staff/routing';
import { effectiveDeadline, termOf } from '../deadlines/deadline';
import { renderCommandHelp } from './commands/command-table';
import { formatCaseNumber, yearIn } from './case-number';
import { caseRecipients, memberRecipient, toStaff, type StaffRecipient } from './case-letters';
import { queueAutoLetter } from '../hygiene/auto-letter-gate';
import { localeOf } from './case-view';
import { subjectKey } from './subject-key';
import { planFirstDeadlineJobs } from './deadline-schedule';
import { alertsForLetter } from '../alerts/case-alerts';
import { noticeDepartment } from './department-notice';
import type { Desk } from './desk';
import type { TemplateName } from '../templates/catalogue';
import { listForLater } from './announce-batch';

export interface RegisterInput {
  inboundId: number;
  /** When our mail server received the complaint: the start of every deadline. */
  receivedAt: string;
  dedupeKey: string;
  parsed: ParsedMessage;
  /** The client: the message's sender, which a registrable complaint always has. */
  from: MailAddress;
  verdict: CategoryVerdict;
  threadReason: string;
  /** The complaint's own words split from any quoted history and its signature. */
  reply: { text: string; quote: string; signature: string };
  /** Everyone on the complaint's From/To/Cc except our own addresses. */
  participants: string[];
  /** The older case this one relates to (a stranger naming it, or a new problem after it closed). */
  link: { caseId: number; caseNumber: string; relation: LinkRelation; reason: string } | null;
  /** Another first letter than the acknowledgement (client-too-large for a message too large to read). */
  acknowledgement?: { template: TemplateName; data: Record<string, unknown> };
  now: Date;
}

const DAEMON = 'daemon';

/** Who gets which letter when a complaint is registered: the same answer for the pipeline and `explain`. */
export async function lettersOnRegister(db: Knex, desk: Desk, clientAddress: string, departmentId: string | null): Promise<Array<{ kind: 'acknowledgement' | 'staff_notice'; to: string[] }>> {
  const routing = await route(db, desk, departmentId);
  return [{ kind: 'acknowledgement', to: [clientAddress] }, ...announced(desk, routing).map((a) => ({ kind: 'staff_notice' as const, to: [a] }))];
}

/** The routing's choice (the assignee, or the department's queue) and everyone told of every case, once each. */
function announced(desk: Desk, routing: RoutingDecision | null): string[] {
  return [...new Set([...(routing?.notify ?? []), ...desk.alsoNotify])];
}

export async function registerComplaint(trx: Knex, desk: Desk, input: RegisterInput): Promise<CaseRow> {
  const { parsed, verdict, now, from, receivedAt } = input;
  const at = now.toISOString();
  const year = yearIn(desk.timeZone, now);
  const number = formatCaseNumber({ prefix: desk.numberPrefix, digits: desk.sequenceDigits }, year, await nextSequence(trx, year));
  const locale = chooseLocale({ localeFrom: desk.localeFrom, defaultLocale: desk.defaultLocale, available: desk.catalogue.locales }, parsed.language);
  const category = desk.categories.categories.get(verdict.category);
  const term = termOf(verdict.deadlineDays ?? category?.deadlineDays ?? null, category?.deadlineUnit ?? 'calendar', desk.deadlines.defaultDays);
  const deadline = effectiveDeadline({ receivedAt: new Date(receivedAt), term, override: null, pauses: [] }, now, desk.calendar, desk.deadlines).deadline;
  const routing = await route(trx, desk, verdict.department);

  const kase = await insertCase(trx, {
    number, status: 'new', clientAddress: from.address, clientName: from.name, subject: parsed.subject, body: parsed.text, language: parsed.language, locale,
    category: verdict.category, categorySource: verdict.source, categoryConfidence: verdict.confidence, needsReview: verdict.needsReview,
    department: verdict.department, priority: verdict.priority ?? category?.priority ?? null, receivedAt, subjectKey: subjectKey(parsed.subject, desk.numberPrefix),
    assignee: routing?.assignee ?? null, deadlineDays: term.days, deadlineUnit: term.unit, deadlineAt: deadline.toISOString(),
  }, at);

  const messageRowId = await insertMessage(trx, {
    caseId: kase.id, direction: 'in', kind: 'complaint', dedupeKey: input.dedupeKey, messageId: parsed.messageId,
    inReplyTo: parsed.inReplyTo, references: parsed.references, fromAddress: from.address,
    toAddresses: parsed.to.map((a) => a.address), ccAddresses: parsed.cc.map((a) => a.address), subject: parsed.subject, text: parsed.text,
    reply: input.reply, at, inboundId: input.inboundId, outboxId: null,
  });
  await insertAttachments(trx, messageRowId, parsed.attachments);
  await addParticipants(trx, kase.id, [from.address, ...input.participants], at);
  if (input.link) await addLink(trx, { caseId: kase.id, linkedCaseId: input.link.caseId, relation: input.link.relation, reason: input.link.reason, at });
  await planFirstDeadlineJobs(trx, desk, kase, now);
  // The registration's first lines in one statement: under a flood each statement is a round trip.
  await addHistoryLines(trx, at, [
    { caseId: kase.id, event: 'registered', actor: DAEMON, reason: `new complaint from ${from.address}: ${input.threadReason}`, details: { inboundId: input.inboundId, messageId: parsed.messageId } },
    ...(input.link ? linkLines(kase, input.link) : []),
    {
      caseId: kase.id, event: 'categorised', actor: DAEMON, reason: verdict.reason,
      details: { category: verdict.category, source: verdict.source, confidence: verdict.confidence, needsReview: verdict.needsReview, evidence: verdict.evidence },
    },
    { caseId: kase.id, event: 'deadline_set', actor: DAEMON, reason: `answer due ${kase.deadlineAt ?? ''}: ${term.days} ${term.unit} days from receipt`, details: { term } },
    ...(routing ? [{ caseId: kase.id, event: routing.assignee ? 'assigned' : 'queued', actor: DAEMON, reason: routing.reason, details: { assignee: routing.assignee } }] : []),
  ]);

  // Over the ceiling on automatic letters the acknowledgement is held back, and the gate says so on the case.
  const ack = await queueAutoLetter(trx, desk, kase, { kind: 'acknowledgement', template: input.acknowledgement?.template ?? 'acknowledgement', data: { attachments: attachmentList(parsed), ...input.acknowledgement?.data }, now });
  if ('queued' in ack) await addHistory(trx, kase.id, at, { event: 'acknowledgement_queued', actor: DAEMON, reason: `acknowledgement in ${locale} queued to the client`, details: ack.queued });
  await announce(trx, desk, kase, { verdict, routing, text: input.reply.text || parsed.text, parsed, now });
  await noticeDepartment(trx, desk, kase, verdict.reason, now);
  await alertsForLetter(trx, desk, kase, { from: from.address, subject: parsed.subject, text: parsed.text, isNewCase: true }, now);
  return kase;
}

/** The routing policy's choice for the department, or null when the case has no department. */
async function route(trx: Knex, desk: Desk, departmentId: string | null): Promise<RoutingDecision | null> {
  const department = departmentId ? desk.categories.departments.get(departmentId) : undefined;
  if (!department) return null;
  const candidates = desk.directory.inDepartment(department.id).filter((m) => m.role === 'agent');
  const needsCounts = desk.routing === 'least-open' && candidates.length > 0;
  return chooseAssignee({
    policy: desk.routing, department, candidates,
    openCases: needsCounts ? await openCasesByAssignee(trx, candidates.map((c) => c.address)) : new Map(),
    lastAssigned: desk.routing === 'round-robin' ? await lastAssigneeIn(trx, department.id) : null,
  });
}

async function announce(trx: Knex, desk: Desk, kase: CaseRow, a: { verdict: CategoryVerdict; routing: RoutingDecision | null; text: string; parsed: ParsedMessage; now: Date }): Promise<void> {
  const routed = caseRecipients(desk, kase);
  const recipients: StaffRecipient[] = announced(desk, a.routing).map((address) => routed.find((r) => r.address === address) ?? memberRecipient(desk, kase.id, address));
  for (const r of recipients) {
    // Under a flood the reader gets the new cases in one list a window later (announce-batch.ts).
    if (await listForLater(trx, desk, kase, r, a.now)) continue;
    const locale = localeOf(r.locale, desk.defaultLocale);
    await toStaff(trx, desk, kase, r, {
      kind: 'staff_notice', template: 'staff-new-case', now: a.now,
      data: {
        text: a.text, attachments: attachmentList(a.parsed), routing: a.routing?.reason ?? '', commandsHelp: renderCommandHelp(locale),
        verdict: { ...a.verdict, categoryName: desk.categoryName(a.verdict.category, locale), confidencePercent: Math.round(a.verdict.confidence * 100) },
      },
    });
    await addHistory(trx, kase.id, a.now.toISOString(), { event: 'staff_notified', actor: DAEMON, reason: `new-case announcement queued to ${r.address}${a.verdict.needsReview ? ' (category needs review)' : ''}` });
  }
}

function attachmentList(parsed: ParsedMessage): Array<{ safeName: string; size: number }> {
  return parsed.attachments.map((a) => ({ safeName: a.safeName, size: a.size }));
}

/** The history lines of a link, on both cases. */
function linkLines(kase: CaseRow, link: NonNullable<RegisterInput['link']>): Array<HistoryEntry & { caseId: number }> {
  return [
    { caseId: kase.id, event: 'linked', actor: DAEMON, reason: `linked to case ${link.caseNumber}: ${link.reason}`, details: { case: link.caseNumber, relation: link.relation } },
    { caseId: link.caseId, event: 'linked', actor: DAEMON, reason: `new case ${kase.number} is linked to this one: ${link.reason}`, details: { case: kase.number, relation: link.relation } },
  ];
}

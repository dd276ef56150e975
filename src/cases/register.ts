// Registers a new complaint as a case: number, case row, the message and its attachments, history
// with reasons, and the acknowledgement and staff announcement queued in the outbox, all in the
// caller's transaction, so either everything happens or nothing does.
import type { Knex } from 'knex';
import type { MailAddress, ParsedMessage } from '../mail/parsed-message';
import type { CategoryVerdict } from '../rules/verdict';
import type { Catalogue } from '../templates/catalogue';
import { chooseLocale } from '../templates/choose-locale';
import { insertCase, nextSequence, type CaseRow } from '../store/case-repo';
import { insertAttachments, insertMessage } from '../store/message-repo';
import { addHistory } from '../store/history-repo';
import { addParticipants } from '../store/participant-repo';
import { addLink, type LinkRelation } from '../store/case-link-repo';
import type { TokenSettings } from '../staff/reply-token';
import { signedReplyTo, type PlusAddressing } from '../staff/reply-address';
import { formatCaseNumber, yearIn } from './case-number';
import { queueCaseLetter } from './case-letter';
import { subjectKey } from './subject-key';

export interface RegisterSettings {
  numberPrefix: string;
  sequenceDigits: number;
  timeZone: string;
  defaultLocale: string;
  localeFrom: 'complaint' | 'config';
  orgName: string;
  from: { address: string; name: string };
  staffNotify: string[];
  /** Signs the Reply-To of every letter; null when reply tokens are off. */
  tokens: (TokenSettings & PlusAddressing) | null;
  catalogue: Catalogue;
  categoryName(id: string, locale: string): string;
}

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
  now: Date;
}

/** Who gets which letter when a complaint is registered: the pipeline queues these, `explain` shows them. */
export function lettersOnRegister(s: Pick<RegisterSettings, 'staffNotify'>, clientAddress: string): Array<{ kind: 'acknowledgement' | 'staff_notice'; to: string[] }> {
  return [{ kind: 'acknowledgement', to: [clientAddress] }, ...s.staffNotify.map((a) => ({ kind: 'staff_notice' as const, to: [a] }))];
}

const DAEMON = 'daemon';

export async function registerComplaint(trx: Knex, s: RegisterSettings, input: RegisterInput): Promise<CaseRow> {
  const { parsed, verdict, now, from, receivedAt } = input;
  const at = now.toISOString();
  const year = yearIn(s.timeZone, now);
  const number = formatCaseNumber({ prefix: s.numberPrefix, digits: s.sequenceDigits }, year, await nextSequence(trx, year));
  const locale = chooseLocale({ localeFrom: s.localeFrom, defaultLocale: s.defaultLocale, available: s.catalogue.locales }, parsed.language);

  const kase = await insertCase(trx, {
    number,
    status: 'new',
    clientAddress: from.address,
    clientName: from.name,
    subject: parsed.subject,
    body: parsed.text,
    language: parsed.language,
    locale,
    category: verdict.category,
    categorySource: verdict.source,
    categoryConfidence: verdict.confidence,
    needsReview: verdict.needsReview,
    department: verdict.department,
    priority: verdict.priority,
    receivedAt,
    subjectKey: subjectKey(parsed.subject, s.numberPrefix),
  }, at);

  const messageRowId = await insertMessage(trx, {
    caseId: kase.id, direction: 'in', kind: 'complaint', dedupeKey: input.dedupeKey, messageId: parsed.messageId,
    inReplyTo: parsed.inReplyTo, references: parsed.references, fromAddress: from.address,
    toAddresses: parsed.to.map((a) => a.address), ccAddresses: parsed.cc.map((a) => a.address), subject: parsed.subject, text: parsed.text,
    reply: input.reply, at, inboundId: input.inboundId, outboxId: null,
  });
  await insertAttachments(trx, messageRowId, parsed.attachments);
  await addParticipants(trx, kase.id, [from.address, ...input.participants], at);
  await addHistory(trx, kase.id, at, { event: 'registered', actor: DAEMON, reason: `new complaint from ${from.address}: ${input.threadReason}`, details: { inboundId: input.inboundId, messageId: parsed.messageId } });
  if (input.link) await linkCases(trx, kase, input.link, at);
  await addHistory(trx, kase.id, at, {
    event: 'categorised', actor: DAEMON, reason: verdict.reason,
    details: { category: verdict.category, source: verdict.source, confidence: verdict.confidence, needsReview: verdict.needsReview, evidence: verdict.evidence },
  });

  const data = {
    case: { number, subject: parsed.subject, body: parsed.text, receivedAt },
    client: { name: from.name, address: from.address },
    org: { name: s.from.name || s.orgName },
    attachments: parsed.attachments.map((a) => ({ safeName: a.safeName, size: a.size })),
  };
  const thread = [...parsed.references, ...(parsed.messageId ? [parsed.messageId] : [])];
  for (const letter of lettersOnRegister(s, from.address)) {
    const [to] = letter.to as [string];
    if (letter.kind === 'acknowledgement') {
      const queued = await queueCaseLetter(trx, {
        caseId: kase.id, caseNumber: number, kind: 'acknowledgement', from: s.from, to: letter.to,
        replyTo: signedReplyTo(s.tokens, { kind: 'client', caseId: kase.id, now }), letter: s.catalogue.render('acknowledgement', locale, data),
        inReplyTo: parsed.messageId, references: thread, autoSubmitted: 'auto-replied', now,
      });
      await addHistory(trx, kase.id, at, { event: 'acknowledgement_queued', actor: DAEMON, reason: `acknowledgement in ${locale} queued to the client`, details: queued });
      continue;
    }
    const notice = s.catalogue.render('staff-new-case', s.defaultLocale, {
      ...data,
      verdict: { ...verdict, categoryName: s.categoryName(verdict.category, s.defaultLocale), confidencePercent: Math.round(verdict.confidence * 100) },
    });
    await queueCaseLetter(trx, {
      caseId: kase.id, caseNumber: number, kind: 'staff_notice', from: s.from, to: letter.to,
      replyTo: signedReplyTo(s.tokens, { kind: 'staff', caseId: kase.id, staffAddress: to, now }), letter: notice,
      inReplyTo: null, references: [], autoSubmitted: 'auto-generated', now,
    });
    await addHistory(trx, kase.id, at, { event: 'staff_notified', actor: DAEMON, reason: `new-case announcement queued to ${to}${verdict.needsReview ? ' (category needs review)' : ''}` });
  }
  return kase;
}

async function linkCases(trx: Knex, kase: CaseRow, link: NonNullable<RegisterInput['link']>, at: string): Promise<void> {
  await addLink(trx, { caseId: kase.id, linkedCaseId: link.caseId, relation: link.relation, reason: link.reason, at });
  await addHistory(trx, kase.id, at, { event: 'linked', actor: DAEMON, reason: `linked to case ${link.caseNumber}: ${link.reason}`, details: { case: link.caseNumber, relation: link.relation } });
  await addHistory(trx, link.caseId, at, { event: 'linked', actor: DAEMON, reason: `new case ${kase.number} is linked to this one: ${link.reason}`, details: { case: kase.number, relation: link.relation } });
}

// Registers a new complaint as a case: number, case row, the message and its attachments, history
// with reasons, and the acknowledgement and staff announcement queued in the outbox, all in the
// caller's transaction, so either everything happens or nothing does.
import type { Knex } from 'knex';
import type { MailAddress, ParsedMessage } from '../mail/parsed-message';
import type { CategoryVerdict } from '../rules/verdict';
import type { Catalogue } from '../templates/catalogue';
import { chooseLocale } from '../templates/choose-locale';
import { composeLetter, newMessageId } from '../outbox/compose';
import { queueLetter } from '../store/outbox-repo';
import { insertCase, nextSequence, type CaseRow } from '../store/case-repo';
import { insertAttachments, insertMessage } from '../store/message-repo';
import { addHistory } from '../store/history-repo';
import { formatCaseNumber, yearIn } from './case-number';

export interface RegisterSettings {
  numberPrefix: string;
  sequenceDigits: number;
  timeZone: string;
  defaultLocale: string;
  localeFrom: 'complaint' | 'config';
  orgName: string;
  from: { address: string; name: string };
  staffNotify: string[];
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
  now: Date;
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
  }, at);

  const messageRowId = await insertMessage(trx, {
    caseId: kase.id, direction: 'in', kind: 'complaint', dedupeKey: input.dedupeKey, messageId: parsed.messageId,
    inReplyTo: parsed.inReplyTo, references: parsed.references, fromAddress: from.address,
    toAddresses: parsed.to.map((a) => a.address), subject: parsed.subject, text: parsed.text, at, inboundId: input.inboundId, outboxId: null,
  });
  await insertAttachments(trx, messageRowId, parsed.attachments);
  await addHistory(trx, kase.id, at, { event: 'registered', actor: DAEMON, reason: `new complaint from ${from.address}: ${input.threadReason}`, details: { inboundId: input.inboundId, messageId: parsed.messageId } });
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
  const ack = s.catalogue.render('acknowledgement', locale, data);
  const ackId = newMessageId(s.from.address, 'ack');
  const thread = [...parsed.references, ...(parsed.messageId ? [parsed.messageId] : [])];
  const ackOutboxId = await queueLetter(trx, {
    caseId: kase.id, kind: 'acknowledgement', messageId: ackId, envelopeFrom: s.from.address, envelopeTo: [from.address], subject: ack.subject,
    raw: await composeLetter({ from: s.from, to: [from.address], subject: ack.subject, text: ack.text, html: ack.html, inReplyTo: parsed.messageId, references: thread, autoSubmitted: 'auto-replied', caseNumber: number, messageId: ackId, date: now }),
  }, at);
  await insertMessage(trx, {
    caseId: kase.id, direction: 'out', kind: 'acknowledgement', dedupeKey: null, messageId: ackId, inReplyTo: parsed.messageId ? [parsed.messageId] : [],
    references: thread, fromAddress: s.from.address, toAddresses: [from.address], subject: ack.subject, text: ack.text, at, inboundId: null, outboxId: ackOutboxId,
  });
  await addHistory(trx, kase.id, at, { event: 'acknowledgement_queued', actor: DAEMON, reason: `acknowledgement in ${locale} queued to the client`, details: { outboxId: ackOutboxId, messageId: ackId } });

  if (s.staffNotify.length > 0) {
    const staffLocale = s.defaultLocale;
    const notice = s.catalogue.render('staff-new-case', staffLocale, {
      ...data,
      verdict: { ...verdict, categoryName: s.categoryName(verdict.category, staffLocale), confidencePercent: Math.round(verdict.confidence * 100) },
    });
    const noticeId = newMessageId(s.from.address, 'notice');
    const noticeOutboxId = await queueLetter(trx, {
      caseId: kase.id, kind: 'staff_notice', messageId: noticeId, envelopeFrom: s.from.address, envelopeTo: s.staffNotify, subject: notice.subject,
      raw: await composeLetter({ from: s.from, to: s.staffNotify, subject: notice.subject, text: notice.text, html: notice.html, inReplyTo: null, references: [], autoSubmitted: 'auto-generated', caseNumber: number, messageId: noticeId, date: now }),
    }, at);
    await insertMessage(trx, {
      caseId: kase.id, direction: 'out', kind: 'staff_notice', dedupeKey: null, messageId: noticeId, inReplyTo: [], references: [],
      fromAddress: s.from.address, toAddresses: s.staffNotify, subject: notice.subject, text: notice.text, at, inboundId: null, outboxId: noticeOutboxId,
    });
    await addHistory(trx, kase.id, at, { event: 'staff_notified', actor: DAEMON, reason: `new-case announcement queued to ${s.staffNotify.join(', ')}${verdict.needsReview ? ' (category needs review)' : ''}` });
  }
  return kase;
}

// What kind of automated mail a message is: a bounce of one of our letters (with the failed
// addresses, the remote server's reply and the returned letter's Message-ID), an autoresponder's
// reply, some other machine's mail, or none of these. Pure: the pipeline marks the letter, alerts
// and suppresses from the answer. Only bounded prefixes of the text and parts are read.
import { detectAutomated } from './auto-reply';
import { bounceReason, isHardBounce, type BounceReason } from './bounce-severity';
import { detectBounceFormat, type BounceFormat } from './bounce-formats';
import { addressesIn, splitAtReturnedLetter, textRecipients, type TextRecipient } from './bounce-text';
import { hasDeliveryStatusFields, parseDeliveryStatus, type DsnRecipient } from './delivery-status';
import { originalLetter } from './original-letter';
import type { ParsedMessage } from './parsed-message';
import { reportParts, type ReportParts } from './report-parts';
import { readSesNotification, type SesNotification } from './ses-notification';
import { autoReplyReason } from './vacation-reply';

export interface BouncedRecipient {
  /** The address we sent to (Original-Recipient when the report names it), lower-cased. */
  address: string;
  /** Enhanced status code, e.g. "5.1.1"; null when the report gives none. */
  status: string | null;
  action: 'failed' | 'delayed' | 'other';
  /** The address itself is bad: suppress it (see bounce-severity.ts). */
  hard: boolean;
  /** Why, in a few words staff can filter on. */
  reason: BounceReason;
  /** The remote server's reply or the reporting MTA's explanation, on one line. */
  diagnostic: string | null;
}

export type AutomatedKind =
  | {
      kind: 'bounce';
      recipients: BouncedRecipient[];
      originalMessageId: string | null;
      /** Original-Recipient addresses (the envelope recipients we gave), when the report has them. */
      originalEnvelopeTo?: string[];
      reportingMta: string | null;
      /** Where the recipients were read: "rfc3464" (delivery-status fields) or a text layout ("exim", "qmail"...). */
      format: string;
    }
  | { kind: 'auto_reply'; reason: string }
  | { kind: 'other_automated'; reason: string }
  | { kind: 'none' };

type Bounce = Extract<AutomatedKind, { kind: 'bounce' }>;

// Enough for any report and the start of the returned letter; a 20 MB bounce is not read whole.
const MAX_TEXT_CHARS = 64 * 1024;
const BOUNCE_SUBJECT = /undeliver|undelivered|returned mail|mail failed|returning (message )?to sender|delivery (status|failure|failed|report|notification|problem)|mail delivery|failure notice|failed delivery|delivery failure|could not be delivered|non remis|unzustellbar|non recapitabile|bounce|недостав|не доставлен|не может быть доставлен|mail system error|error sending your mail/i;
// A warning that delivery is still being tried; a report that also says it gave up is a failure.
const DELAY_NOTICE = /warning message only|warning only|do not need to resend|will (continue to |keep )?(retry|try)|has been delayed|delivery (is |was )?delayed|delayed mail|still being retried|(could|can) not (be )?(send|deliver)[a-z ]* for (the )?past|has not yet been delivered|\bdelay\)|delivery incomplete/i;
const GAVE_UP = /permanent (error|failure)|i've given up|not going to try again|failed permanently/i;
const REPORT_TYPE = /^\s*multipart\/report\b.*report-type\s*=\s*"?([\w.-]+)/is;
// Mailing-list managers answer from their own addresses: neko-admin@, owner-neko@, neko-request@.
const LIST_MANAGER = /^owner-|-(admin|owner|request|bounces?)@/i;
const SYSTEM_SENDER = /mailer-daemon|postmaster|post_master|mail delivery|delivery (sub)?system|mail administrator|post office|mail deliver system/i;

export function classifyAutomatedMail(parsed: ParsedMessage, raw: Buffer): AutomatedKind {
  const contentType = parsed.headers['content-type']?.[0] ?? '';
  const reportType = REPORT_TYPE.exec(contentType)?.[1]?.toLowerCase();
  const parts = reportParts(raw);
  if (reportType === 'disposition-notification' || parts.mediaTypes.has('message/disposition-notification')) {
    return { kind: 'other_automated', reason: 'read receipt (disposition notification)' };
  }
  if (reportType === 'feedback-report' || parts.mediaTypes.has('message/feedback-report') || isHotmailComplaint(parsed, parts)) {
    return { kind: 'other_automated', reason: 'abuse feedback report (ARF)' };
  }

  const text = scanText(parsed, raw);
  const ses = readSesNotification(text);
  if (ses) return fromSes(ses);
  const bounce = readBounce(parsed, parts, text, reportType === 'delivery-status');
  if (bounce) {
    if (bounce.recipients.length > 0 && bounce.recipients.every((r) => r.action !== 'failed')) {
      const delayed = bounce.recipients.filter((r) => r.action === 'delayed').length;
      return { kind: 'other_automated', reason: delayed > 0 ? `delivery delayed, still being retried (${delayed} recipient${delayed > 1 ? 's' : ''})` : 'delivery report without failures' };
    }
    return bounce;
  }
  if (isUnsubscribeRequest(parsed, text)) return { kind: 'other_automated', reason: 'unsubscribe request sent by a mail client' };
  const autoReply = autoReplyReason(parsed);
  if (autoReply) return { kind: 'auto_reply', reason: autoReply };
  const verdict = detectAutomated(parsed);
  if (verdict.automated && verdict.reason) return { kind: 'other_automated', reason: verdict.reason };
  return { kind: 'none' };
}

function readBounce(parsed: ParsedMessage, parts: ReportParts, text: string, isDeliveryReport: boolean): Bounce | null {
  const { report, returned } = splitAtReturnedLetter(text);
  // A person's letter is never a bounce, even when it quotes or forwards one: a complaint about a
  // letter that bounced elsewhere must reach staff, and natural sentences ("письмо не доставлено")
  // are what complaints are made of.
  const machine = isDeliveryReport || parts.deliveryStatus.length > 0 || isMachineSent(parsed);
  if (!machine) return null;
  const format = detectBounceFormat(report) ?? detectBounceFormat(text.slice(0, report.length + 200));
  const dsnText = parts.deliveryStatus.join('\n\n') || (hasDeliveryStatusFields(text) ? text : '');
  const dsn = parseDeliveryStatus(dsnText);
  // Some MTAs attach the returned headers as a plain text part.
  const attachedHeaders = textAttachments(parsed).filter((t) => /^\s*[\w-]+[ \t]*:/.test(t) && /^message-id[ \t]*:/im.test(t));
  const original = originalLetter([...parts.returnedHeaders, ...attachedHeaders], returned);
  const excluded = ownAddresses(parsed);
  const notice = `${parsed.subject}\n${report.slice(0, 4000)}`;
  const delayed = DELAY_NOTICE.test(notice) && !GAVE_UP.test(notice);

  if (dsn.recipients.length > 0) {
    const fromText = textRecipients(report, excluded, format?.recipients);
    const recipients = dsn.recipients.map((r) => fromDsn(r, fromText));
    const envelope = dsn.recipients.flatMap((r) => (r.originalRecipient ? [r.originalRecipient] : []));
    return {
      kind: 'bounce',
      recipients: dedupe(recipients),
      originalMessageId: original.messageId ?? parsed.inReplyTo[0] ?? null,
      ...(envelope.length > 0 ? { originalEnvelopeTo: [...new Set(envelope)] } : {}),
      reportingMta: dsn.reportingMta ?? reportingMtaOf(format, report),
      format: 'rfc3464',
    };
  }
  if (!isTextBounce(parsed, format, isDeliveryReport)) return null;
  const found = failedRecipients(parsed, report, excluded, format, original.recipients);
  return {
    kind: 'bounce',
    recipients: found.map((r) => fromText(r, delayed ? 'delayed' : 'failed')),
    originalMessageId: original.messageId ?? parsed.inReplyTo[0] ?? null,
    reportingMta: reportingMtaOf(format, report),
    format: format?.format ?? (isDeliveryReport ? 'rfc3464' : 'generic-text'),
  };
}

/**
 * From a machine, a report in words is a bounce when its MTA's sentence is there. Vague wording
 * ("could not be delivered") or only a bounce-like subject needs a sender that sends bounces
 * (mailer-daemon, postmaster, an empty Return-Path): a shop's no-reply robot writes such words too.
 */
function isTextBounce(parsed: ParsedMessage, format: BounceFormat | null, isDeliveryReport: boolean): boolean {
  if (isDeliveryReport) return true;
  if (format && format.format !== 'generic-text') return true;
  return isBounceSender(parsed) && (format !== null || BOUNCE_SUBJECT.test(parsed.subject));
}

/** Exim's X-Failed-Recipients first (exact), then the report's text, then the single returned To. */
function failedRecipients(parsed: ParsedMessage, report: string, excluded: ReadonlySet<string>, format: BounceFormat | null, returnedTo: readonly string[]): TextRecipient[] {
  const fromText = textRecipients(report, excluded, format?.recipients);
  const header = (parsed.headers['x-failed-recipients'] ?? []).flatMap(addressesIn);
  if (header.length > 0) {
    return [...new Set(header)].map((address) => fromText.find((r) => r.address === address) ?? { address, diagnostic: fromText[0]?.diagnostic ?? null });
  }
  if (fromText.length > 0) return fromText;
  const onlyRecipient = returnedTo.length === 1 ? returnedTo[0] : undefined;
  return onlyRecipient && !excluded.has(onlyRecipient) ? [{ address: onlyRecipient, diagnostic: null }] : [];
}

/** SES says outright what happened; only its bounces are bounces. */
function fromSes(ses: SesNotification): AutomatedKind {
  if (ses.type !== 'Bounce') {
    const what = ses.type === 'Complaint' ? 'abuse complaint' : ses.type === 'Delivery' ? 'delivery report' : ses.type;
    return { kind: 'other_automated', reason: `${what} (Amazon SES notification)` };
  }
  const recipients = ses.recipients.map((r) => {
    const recipient = toRecipient(r.address, r.action, r.status, r.diagnostic);
    // SES has already judged a Transient bounce as one that may pass.
    return ses.bounceType === 'Transient' ? { ...recipient, hard: false } : recipient;
  });
  return { kind: 'bounce', recipients, originalMessageId: ses.messageId, reportingMta: ses.reportingMta, format: 'amazonses' };
}

function fromDsn(r: DsnRecipient, fromText: readonly TextRecipient[]): BouncedRecipient {
  const address = (r.originalRecipient ?? r.finalRecipient) as string;
  const diagnostic = r.diagnostic ?? fromText.find((t) => t.address === address || t.address === r.finalRecipient)?.diagnostic ?? null;
  return toRecipient(address, r.action, r.status, diagnostic);
}

function toRecipient(address: string, reportedAction: string | null, reportedStatus: string | null, diagnostic: string | null): BouncedRecipient {
  const status = (reportedStatus && statusIn(reportedStatus)) ?? statusIn(diagnostic);
  const action = toAction(reportedAction, status);
  const reason = bounceReason(status, diagnostic);
  return { address, status, action, hard: isHardBounce(action, status, diagnostic, reason), reason, diagnostic };
}

function fromText(r: TextRecipient, action: 'failed' | 'delayed'): BouncedRecipient {
  const status = statusIn(r.diagnostic);
  const reason = bounceReason(status, r.diagnostic);
  return { address: r.address, status, action, hard: isHardBounce(action, status, r.diagnostic, reason), reason, diagnostic: r.diagnostic };
}

/** RFC 3464 actions; a missing one is read from the status class (a report without either is a failure). */
function toAction(action: string | null, status: string | null): BouncedRecipient['action'] {
  if (action === 'failed' || action === 'delayed') return action;
  // Not in RFC 3464, but written by MTAs that gave up after the retry period (SendGrid, others).
  if (action === 'expired') return 'failed';
  if (action) return 'other';
  return status?.startsWith('4') ? 'delayed' : status?.startsWith('2') ? 'other' : 'failed';
}

function statusIn(diagnostic: string | null): string | null {
  return /(?<![\d.])[245]\.\d{1,3}\.\d{1,3}(?![\d.])/.exec(diagnostic ?? '')?.[0] ?? null;
}

function dedupe(recipients: BouncedRecipient[]): BouncedRecipient[] {
  const seen = new Set<string>();
  return recipients.filter((r) => !seen.has(r.address) && seen.add(r.address));
}

/**
 * The text to read: mailparser's; when it found none (MIME too broken to follow), the raw body with
 * boundary lines and part headers taken out; and when that holds no report but a small text
 * attachment does (a report part whose header mailparser misread), that attachment.
 */
function scanText(parsed: ParsedMessage, raw: Buffer): string {
  const body = parsed.text.trim() !== '' ? parsed.text.slice(0, MAX_TEXT_CHARS) : rawBodyText(raw);
  if (detectBounceFormat(body)) return body;
  const report = textAttachments(parsed).find((text) => detectBounceFormat(text) !== null);
  return report ?? body;
}

function rawBodyText(raw: Buffer): string {
  const head = raw.subarray(0, MAX_TEXT_CHARS * 2).toString('utf8');
  const blank = /\r?\n\r?\n/.exec(head);
  const body = blank ? head.slice(blank.index) : '';
  return body.replace(/^(--\S+|Content-[\w-]+:.*|[ \t]*boundary=.*)$/gim, '').slice(0, MAX_TEXT_CHARS);
}

function textAttachments(parsed: ParsedMessage): string[] {
  return parsed.attachments
    .filter((a) => a.contentType.startsWith('text/plain') && a.content !== null && a.size <= MAX_TEXT_CHARS)
    .map((a) => (a.content as Buffer).toString('utf8'));
}

/** The report's sender and the person it returns the letter to: never the failed addresses. */
function ownAddresses(parsed: ParsedMessage): Set<string> {
  const own = [parsed.from?.address, parsed.replyTo?.address, ...parsed.to.map((a) => a.address), ...parsed.cc.map((a) => a.address)];
  // Not Delivered-To or X-Original-To: DragonFly's dma writes the failed address there.
  own.push(...(parsed.headers['return-path'] ?? []).flatMap(addressesIn));
  return new Set(own.filter((a): a is string => Boolean(a)));
}

/** Apple Mail and others answer a List-Unsubscribe mailto with a machine-written letter. */
function isUnsubscribeRequest(parsed: ParsedMessage, text: string): boolean {
  const autoSubmitted = parsed.headers['auto-submitted']?.[0]?.trim() ?? '';
  return autoSubmitted !== '' && !/^no\b/i.test(autoSubmitted) && (/^\s*unsubscribe\b/i.test(parsed.subject) || /sent this (e-?mail|message) to unsubscribe/i.test(text.slice(0, 2000)));
}

function isMachineSent(parsed: ParsedMessage): boolean {
  return isBounceSender(parsed) || LIST_MANAGER.test(parsed.from?.address ?? '') || detectAutomated(parsed).automated;
}

function isBounceSender(parsed: ParsedMessage): boolean {
  if ((parsed.headers['x-failed-recipients'] ?? []).length > 0) return true;
  const from = parsed.headers['from']?.[0] ?? '';
  // "From: <>" or "From: MAILER-DAEMON <>": no address at all is how a bounce is signed.
  if (SYSTEM_SENDER.test(from) || /^\s*<\s*>\s*$/.test(from)) return true;
  const returnPath = parsed.headers['return-path']?.[0];
  return returnPath !== undefined && /^<?\s*>?$/.test(returnPath.trim());
}

function reportingMtaOf(format: BounceFormat | null, report: string): string | null {
  return format?.reportingMta?.exec(report)?.[1]?.toLowerCase() ?? null;
}

/** Hotmail's older complaint format (JMRP): no feedback-report part, the reported letter attached. */
function isHotmailComplaint(parsed: ParsedMessage, parts: ReportParts): boolean {
  return /^complaint about message from/i.test(parsed.subject) && parts.mediaTypes.has('message/rfc822');
}

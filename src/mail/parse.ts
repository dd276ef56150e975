// Turns the raw bytes of one inbound message into our ParsedMessage, or says why it cannot.
// mailparser does the MIME work; this file adds what it leaves out (raw 8-bit headers, text for
// HTML-only mail, size limits, a verdict on unusable mail) and keeps its types out of the daemon.
import { createHash } from 'node:crypto';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import { toMailAddresses } from './addresses';
import { toParsedAttachments } from './attachments';
import { UnparseableMessageError } from './errors';
import { repairHeaderBytes } from './header-bytes';
import { headerMap } from './header-map';
import { htmlToText } from './html-text';
import { guessLanguage } from './language';
import { extractMessageIds } from './message-ids';
import { outlineMime } from './mime-outline';
import type { MailAddress, ParsedMessage } from './parsed-message';
import { cutAt, toBodyText, toSingleLine } from './plain-text';

export interface ParseLimits {
  maxMessageBytes: number;
  maxAttachmentBytes: number;
}

// The subject is echoed in our replies and shown in every list; no person writes 1000 characters.
const MAX_SUBJECT_LENGTH = 1000;
// html-to-text spends seconds on megabytes of markup; longer HTML is kept but yields no text.
export const MAX_HTML_TO_TEXT_LENGTH = 2_000_000;
const MAX_REASON_DETAIL_LENGTH = 100;
// Every later stage (rules, the classifier, the reply split, the store, staff letters) works on the
// text; no person writes a million characters, and past that a body is a dump or an attack. The
// rest stays in the raw message (the ledger and the mailbox), and the cut says so.
export const MAX_TEXT_LENGTH = 1_000_000;

export async function parseMessage(raw: Buffer, limits: ParseLimits): Promise<ParsedMessage> {
  if (raw.length > limits.maxMessageBytes) {
    throw new UnparseableMessageError(`message larger than ${limits.maxMessageBytes} bytes`);
  }
  if (isBlank(raw)) throw new UnparseableMessageError('empty message');
  try {
    return await parseMime(raw, limits);
  } catch (err) {
    if (err instanceof UnparseableMessageError) throw err;
    // mailparser's own limits (parts, header size) and anything our conversion did not foresee:
    // the message is quarantined with the reason, never retried into a crash loop.
    const detail = toSingleLine(err instanceof Error ? err.message : String(err), MAX_REASON_DETAIL_LENGTH);
    throw new UnparseableMessageError(`unreadable MIME: ${detail}`, { cause: err });
  }
}

async function parseMime(raw: Buffer, limits: ParseLimits): Promise<ParsedMessage> {
  const outline = outlineMime(raw);
  const repairs: string[] = [];
  const repaired = repairHeaderBytes(raw, outline.headerBlocks, outline.textCharsets, (header, charset) => repairs.push(`${header}: raw 8-bit bytes read as ${charset}`));
  const mail = await simpleParser(repaired, {
    checksumAlgo: 'sha256',
    // Images stay attachments; inlining them as data: URLs would store every image twice.
    keepCidLinks: true,
    skipTextToHtml: true,
    maxHtmlLengthToParse: MAX_HTML_TO_TEXT_LENGTH,
  });
  const headers = headerMap(mail.headerLines ?? []);
  if (Object.keys(headers).length === 0) throw new UnparseableMessageError('no header block');
  // No usable sender is not a parse failure: a bounce signed by a bare MAILER-DAEMON still belongs
  // on the case it reports on. The pipeline decides (it quarantines a non-automated one).
  const from = firstAddress(mail.from);

  const subject = toSingleLine(mail.subject ?? '', MAX_SUBJECT_LENGTH);
  const html = mail.html ? toBodyText(mail.html) : null;
  const text = boundedText(toBodyText(await plainText(mail, html)));
  return {
    messageId: extractMessageIds(headers['message-id']?.[0] ?? '')[0] ?? null,
    contentHash: createHash('sha256').update(raw).digest('hex'),
    from,
    replyTo: firstAddress(mail.replyTo),
    to: addressesOf(mail.to),
    cc: addressesOf(mail.cc),
    subject,
    inReplyTo: (headers['in-reply-to'] ?? []).flatMap(extractMessageIds),
    references: (headers['references'] ?? []).flatMap(extractMessageIds),
    date: parseDate(headers['date']?.[0]),
    text,
    html,
    charsets: outline.textCharsets,
    repairs,
    headers,
    attachments: toParsedAttachments(mail.attachments, limits.maxAttachmentBytes),
    language: guessLanguage(`${subject}\n${text}`),
  };
}

/** The text part; for mail without one (or with an empty one), the text of its HTML. */
async function plainText(mail: ParsedMail, html: string | null): Promise<string> {
  const text = mail.text ?? '';
  if (text.trim() !== '' || !html) return text;
  return htmlToText(html, MAX_HTML_TO_TEXT_LENGTH);
}

function boundedText(text: string): string {
  if (text.length <= MAX_TEXT_LENGTH) return text;
  return `${cutAt(text, MAX_TEXT_LENGTH)}\n\n[The text goes on: cut at ${MAX_TEXT_LENGTH} of ${text.length} characters. The whole message is kept as it came.]`;
}

function addressesOf(header: AddressObject | AddressObject[] | undefined): MailAddress[] {
  return [header ?? []].flat().flatMap((h) => toMailAddresses(h.value));
}

function firstAddress(header: AddressObject | AddressObject[] | undefined): MailAddress | null {
  return addressesOf(header)[0] ?? null;
}

function isBlank(raw: Buffer): boolean {
  return raw.every((byte) => byte === 0x20 || byte === 0x09 || byte === 0x0d || byte === 0x0a);
}

// mailparser puts "now" in place of a Date it cannot read; a case must not get a made-up date.
function parseDate(value: string | undefined): Date | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

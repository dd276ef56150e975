// Amazon SES reports bounces, complaints and deliveries as JSON, and SNS can deliver that JSON as
// e-mail. When our letters go out through SES, these are our bounces: read them for what they
// say instead of guessing at the text. The JSON arrives raw or wrapped in an SNS envelope.
import { extractMessageIds } from './message-ids';

export interface SesRecipient {
  address: string;
  action: string | null;
  status: string | null;
  diagnostic: string | null;
}

export interface SesNotification {
  /** "Bounce", "Complaint", "Delivery"... as SES names it. */
  type: string;
  /** "Permanent" or "Transient" (bounces only). */
  bounceType: string | null;
  recipients: SesRecipient[];
  /** The Message-ID header of the letter, when SES echoed our headers. */
  messageId: string | null;
  reportingMta: string | null;
}

const MAX_JSON_CHARS = 256 * 1024;

/** The notification in a message body, or null when the body is not one. */
export function readSesNotification(text: string): SesNotification | null {
  if (!/"notificationType"|\\"notificationType\\"/.test(text.slice(0, MAX_JSON_CHARS))) return null;
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  if (start === -1 || end < start || end - start > MAX_JSON_CHARS) return null;
  // Long lines of these mails reach us cut by "!" + line break + space (RFC 5321 line length).
  let body = parse(text.slice(start, end + 1).replace(/!\r?\n /g, ''));
  const envelope = field(body, 'Message');
  if (typeof envelope === 'string') body = parse(envelope);
  const type = field(body, 'notificationType');
  if (typeof type !== 'string') return null;
  const bounce = field(body, 'bounce');
  const mail = field(body, 'mail');
  return {
    type,
    bounceType: stringOr(field(bounce, 'bounceType')),
    recipients: list(field(bounce, 'bouncedRecipients')).flatMap(toRecipient),
    messageId: messageIdOf(list(field(mail, 'headers'))),
    reportingMta: stringOr(field(bounce, 'reportingMTA'))?.replace(/^\s*\w+\s*;\s*/, '') ?? null,
  };
}

function toRecipient(item: unknown): SesRecipient[] {
  const address = field(item, 'emailAddress');
  if (typeof address !== 'string' || !address.includes('@')) return [];
  const diagnostic = stringOr(field(item, 'diagnosticCode'))?.replace(/^\s*smtp\s*;\s*/i, '') ?? null;
  return [{ address: address.toLowerCase(), action: stringOr(field(item, 'action')), status: stringOr(field(item, 'status')), diagnostic }];
}

function messageIdOf(headers: unknown[]): string | null {
  const header = headers.find((h) => typeof field(h, 'name') === 'string' && String(field(h, 'name')).toLowerCase() === 'message-id');
  const value = field(header, 'value');
  return typeof value === 'string' ? (extractMessageIds(value)[0] ?? null) : null;
}

function parse(json: string): unknown {
  try {
    return JSON.parse(json) as unknown;
  } catch {
    return null;
  }
}

function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>)[name] : undefined;
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function stringOr(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

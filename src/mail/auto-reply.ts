// Mail written by a machine (vacation replies, bounces, read receipts, list mail) must not open a
// case or get an acknowledgement: answering an auto-reply with an auto-reply is how mail loops start
// (RFC 3834). Decided from headers only, and the reason names the header that decided it.
import type { ParsedMessage } from './parsed-message';

export interface AutomatedVerdict {
  automated: boolean;
  /** Which signal decided, e.g. "Auto-Submitted: auto-replied"; null for a person's mail. */
  reason: string | null;
}

type Headers = ParsedMessage['headers'];

const MAX_VALUE_IN_REASON = 60;
// multipart/report types (RFC 6522): delivery status (bounces), read receipts, abuse reports (ARF).
const REPORT_KINDS: Record<string, string> = {
  'delivery-status': 'delivery status report (bounce)',
  'disposition-notification': 'read receipt (disposition notification)',
  'feedback-report': 'abuse feedback report (ARF)',
};
const SYSTEM_MAILBOXES = new Set(['mailer-daemon', 'postmaster']);

/** Each check returns the reason it fired, or null. Order only decides which reason is reported. */
const CHECKS: Array<(headers: Headers, msg: ParsedMessage, returnPath: string | null) => string | null> = [
  (h) => reportKind(first(h, 'content-type')),
  (h) => headerWhen(h, 'auto-submitted', (v) => v !== '' && !/^no\b/i.test(v)),
  (h) => headerWhen(h, 'precedence', (v) => /^(bulk|junk|list)\b/i.test(v)),
  (h) => headerWhen(h, 'x-autoreply', (v) => v !== '') ?? headerWhen(h, 'x-autorespond', (v) => v !== ''),
  (h) => headerWhen(h, 'x-auto-response-suppress', (v) => /\b(all|oof)\b/i.test(v)),
  // Apple's iCloud vacation replies carry none of the standard headers, only this one.
  (h) => headerWhen(h, 'x-apple-action', (v) => /vacation/i.test(v)),
  (h) => (h['list-id'] ? 'mailing list (List-Id)' : h['list-unsubscribe'] ? 'mailing list (List-Unsubscribe)' : null),
  (_h, msg) => systemSender(msg.from?.address ?? ''),
  (_h, _msg, returnPath) => (returnPath !== null && isNullPath(returnPath) ? 'empty Return-Path (<>)' : null),
];

/**
 * `envelope.returnPath` is the SMTP MAIL FROM when intake knows it; the Return-Path header the
 * delivering server wrote wins when the message has one.
 */
export function detectAutomated(msg: ParsedMessage, envelope?: { returnPath?: string | null }): AutomatedVerdict {
  const returnPath = first(msg.headers, 'return-path') ?? envelope?.returnPath ?? null;
  for (const check of CHECKS) {
    const reason = check(msg.headers, msg, returnPath);
    if (reason) return { automated: true, reason };
  }
  return { automated: false, reason: null };
}

function first(headers: Headers, name: string): string | undefined {
  return headers[name]?.[0];
}

function reportKind(contentType: string | undefined): string | null {
  if (!contentType || !/^\s*multipart\/report\b/i.test(contentType)) return null;
  const type = /report-type\s*=\s*"?([\w.-]+)/i.exec(contentType)?.[1]?.toLowerCase() ?? '';
  return REPORT_KINDS[type] ?? 'machine-generated report (multipart/report)';
}

function headerWhen(headers: Headers, name: string, fires: (value: string) => boolean): string | null {
  const value = headers[name]?.find((v) => fires(v.trim()));
  return value === undefined ? null : `${displayName(name)}: ${value.trim().slice(0, MAX_VALUE_IN_REASON)}`;
}

function displayName(name: string): string {
  return name.replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => dash + c.toUpperCase());
}

function systemSender(address: string): string | null {
  const local = (address.split('@')[0] ?? '').toLowerCase();
  if (SYSTEM_MAILBOXES.has(local)) return `sender is ${local}`;
  // noreply, no-reply, no_reply, do.not.reply ..., also inside a longer name ("info-noreply").
  if (/noreply|donotreply/.test(local.replace(/[^a-z0-9]/g, ''))) return 'no-reply sender';
  return null;
}

function isNullPath(returnPath: string): boolean {
  return /^<?\s*>?$/.test(returnPath.trim());
}

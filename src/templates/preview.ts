// `complaintd templates preview`: a letter built the way the daemon builds it (the same data, the
// same subject tag and signed Reply-To, composed by the same MIME composer) and then read back from
// its bytes, so what the admin sees is what a reader's mail program would get.
import type { Knex } from 'knex';
import { simpleParser } from 'mailparser';
import type { Desk } from '../cases/desk';
import type { CaseRow } from '../store/case-repo';
import { threadOfCase } from '../store/message-repo';
import { caseRecipients } from '../cases/case-letters';
import { taggedSubject } from '../cases/case-number';
import { systemRecipients } from '../alerts/raise-alert';
import { signedReplyTo } from '../staff/reply-address';
import type { TokenFor } from '../staff/reply-token';
import { composeLetter, newMessageId } from '../outbox/compose';
import type { TemplateName } from './catalogue';
import { letterData } from './check-templates';
import { LETTER_KIND_OF, isClientTemplate, isSystemTemplate, sampleCase } from './sample-data';

export interface PreviewRequest {
  name: TemplateName;
  /** A case from the store, or the sample case when null. */
  kase: CaseRow | null;
  /** The reader's language; by default the one the daemon would choose for this reader. */
  locale: string | null;
  now: Date;
}

export interface Preview {
  raw: Buffer;
  headers: Array<[name: string, value: string]>;
  text: string;
  html: string | null;
}

const SHOWN_HEADERS = ['from', 'to', 'reply-to', 'subject', 'date', 'message-id', 'in-reply-to', 'references', 'auto-submitted', 'x-complaintd-case'];

/** `db` is needed only for a case's thread (In-Reply-To, References); null for the sample case. */
export async function previewLetter(desk: Desk, req: PreviewRequest, db: Knex | null): Promise<Preview> {
  const kase = req.kase ?? sampleCase(req.now, desk.numberPrefix);
  const reader = readerOf(desk, req.name, kase);
  const locale = req.locale ?? reader.locale;
  if (!desk.catalogue.locales.includes(locale)) throw new Error(`no templates for locale ${locale}; there are: ${desk.catalogue.locales.join(', ')}`);
  const rendered = desk.catalogue.render(req.name, locale, letterData(desk, req.name, locale, req.now, kase));
  const system = isSystemTemplate(req.name);
  const thread = isClientTemplate(req.name) && req.kase && db ? await threadOfCase(db, kase.id, kase.clientAddress) : { lastFromClient: null, references: [] };
  const raw = await composeLetter({
    from: desk.from, to: [reader.address], replyTo: system ? null : signedReplyTo(desk.tokens, { ...reader.token, now: req.now }),
    subject: system ? rendered.subject : taggedSubject(kase.number, rendered.subject), text: rendered.text, html: rendered.html,
    inReplyTo: thread.lastFromClient, references: thread.references, autoSubmitted: isClientTemplate(req.name) ? 'auto-replied' : 'auto-generated',
    caseNumber: system ? null : kase.number, messageId: newMessageId(desk.from.address, LETTER_KIND_OF[req.name].replace(/_/g, '-')), date: req.now,
  });
  const parsed = await simpleParser(raw);
  const headers = parsed.headerLines
    .filter((h) => SHOWN_HEADERS.includes(h.key))
    .sort((a, b) => SHOWN_HEADERS.indexOf(a.key) - SHOWN_HEADERS.indexOf(b.key))
    .map((h): [string, string] => [h.line.slice(0, h.line.indexOf(':')), headerText(parsed.headers.get(h.key))]);
  return { raw, headers, text: parsed.text ?? '', html: typeof parsed.html === 'string' ? parsed.html : null };
}

type Reader = { address: string; locale: string; token: TokenFor };

/** Who the daemon would send this letter to: the client, the case's assignee or queue, or the admins. */
function readerOf(desk: Desk, name: TemplateName, kase: CaseRow): Reader {
  if (isClientTemplate(name)) return { address: kase.clientAddress, locale: desk.catalogue.locales.includes(kase.locale) ? kase.locale : desk.defaultLocale, token: { kind: 'client', caseId: kase.id } };
  if (!isSystemTemplate(name)) {
    const [first] = caseRecipients(desk, kase);
    if (first) return { address: first.address, locale: first.locale, token: first.token };
  }
  const [admin] = systemRecipients(desk);
  const address = admin?.address ?? desk.from.address;
  return { address, locale: admin?.locale ?? desk.defaultLocale, token: { kind: 'staff', caseId: kase.id, staffAddress: address } };
}

function headerText(value: unknown): string {
  if (value instanceof Date) return value.toUTCString();
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(headerText).join(' ');
  if (value && typeof value === 'object' && 'text' in value) return String((value as { text: unknown }).text);
  if (value && typeof value === 'object' && 'value' in value) return String((value as { value: unknown }).value);
  return String(value ?? '');
}

/** For --html: the letter's HTML part as sent; a text-only letter as the text in <pre>, as mail programs show it. */
export function previewHtml(p: Preview): string {
  if (p.html) return p.html;
  const escaped = p.text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `<!doctype html>\n<html><head><meta charset="utf-8"></head><body><pre style="white-space: pre-wrap">${escaped}</pre></body></html>\n`;
}

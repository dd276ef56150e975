// Builds a letter's bytes once, when it is queued: the Message-ID and every header are fixed then,
// so a retry after a crash sends the very same letter.
import { randomBytes } from 'node:crypto';
import MailComposer from 'nodemailer/lib/mail-composer';
import { loopHeaders } from '../mail/loop-header';

export interface LetterSpec {
  from: { address: string; name: string };
  to: string[];
  /** The signed plus-address replies should go to; null sends replies to From. */
  replyTo: string | null;
  subject: string;
  text: string;
  html: string | null;
  /** Without angle brackets. */
  inReplyTo: string | null;
  references: string[];
  /** auto-replied for answers to a client's message; auto-generated for notices we start. */
  autoSubmitted: 'auto-replied' | 'auto-generated';
  caseNumber: string | null;
  messageId: string;
  date: Date;
}

export function newMessageId(fromAddress: string, label: string): string {
  const domain = fromAddress.split('@')[1] ?? 'localhost';
  return `complaintd.${label}.${randomBytes(9).toString('hex')}@${domain}`;
}

export async function composeLetter(spec: LetterSpec): Promise<Buffer> {
  const headers: Record<string, string> = {
    'Auto-Submitted': spec.autoSubmitted,
    // Asks other robots (vacation responders, Exchange) not to answer us: prevents mail loops.
    'X-Auto-Response-Suppress': 'All',
    // Names us, so our own letter coming back (a forwarding rule, an alias) is recognised as ours.
    ...loopHeaders(spec.from.address),
  };
  if (spec.caseNumber) headers['X-Complaintd-Case'] = spec.caseNumber;
  const composer = new MailComposer({
    from: { name: spec.from.name, address: spec.from.address },
    to: spec.to,
    ...(spec.replyTo ? { replyTo: spec.replyTo } : {}),
    subject: spec.subject,
    text: spec.text,
    ...(spec.html ? { html: spec.html } : {}),
    messageId: `<${spec.messageId}>`,
    date: spec.date,
    ...(spec.inReplyTo ? { inReplyTo: `<${spec.inReplyTo}>` } : {}),
    ...(spec.references.length > 0 ? { references: spec.references.map((r) => `<${r}>`) } : {}),
    headers,
  });
  return composer.compile().build();
}

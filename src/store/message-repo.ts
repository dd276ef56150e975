// Every message on a case, both directions, with its attachments. The unique dedupe key on inbound
// messages is the last guard against registering one message twice.
import type { Knex } from 'knex';
import type { ParsedAttachment } from '../mail/parsed-message';
import type { LetterKind } from './outbox-repo';

/** Inbound kinds; an outgoing message has its letter's kind. staff_copy: a colleague's unverified reply-all, kept only. */
export type MessageKind = 'complaint' | 'follow_up' | 'automated' | 'staff_reply' | 'staff_copy' | LetterKind;

export interface NewMessage {
  caseId: number;
  direction: 'in' | 'out';
  kind: MessageKind;
  dedupeKey: string | null;
  messageId: string | null;
  inReplyTo: string[];
  references: string[];
  fromAddress: string | null;
  toAddresses: string[];
  ccAddresses: string[];
  subject: string;
  /** The full body. */
  text: string;
  /** The sender's own new words, without quoted history and signature; null for our letters. */
  reply: { text: string; quote: string; signature: string } | null;
  at: string;
  inboundId: number | null;
  outboxId: number | null;
}

export interface MessageRow extends NewMessage {
  id: number;
}

interface DbMessage {
  id: number;
  case_id: number;
  direction: 'in' | 'out';
  kind: MessageKind;
  dedupe_key: string | null;
  message_id: string | null;
  in_reply_to: string | null;
  references: string | null;
  from_address: string | null;
  to_addresses: string | null;
  cc_addresses: string | null;
  subject: string | null;
  text: string | null;
  new_text: string | null;
  quote_text: string | null;
  signature_text: string | null;
  at: string;
  inbound_id: number | null;
  outbox_id: number | null;
}

const splitIds = (s: string | null): string[] => (s ? s.split(' ').filter(Boolean) : []);
const splitAddresses = (s: string | null): string[] => (s ? s.split(',').filter(Boolean) : []);

function fromDb(r: DbMessage): MessageRow {
  return {
    id: r.id,
    caseId: r.case_id,
    direction: r.direction,
    kind: r.kind,
    dedupeKey: r.dedupe_key,
    messageId: r.message_id,
    inReplyTo: splitIds(r.in_reply_to),
    references: splitIds(r.references),
    fromAddress: r.from_address,
    toAddresses: splitAddresses(r.to_addresses),
    ccAddresses: splitAddresses(r.cc_addresses),
    subject: r.subject ?? '',
    text: r.text ?? '',
    reply: r.new_text === null ? null : { text: r.new_text, quote: r.quote_text ?? '', signature: r.signature_text ?? '' },
    at: r.at,
    inboundId: r.inbound_id,
    outboxId: r.outbox_id,
  };
}

export async function insertMessage(trx: Knex, m: NewMessage): Promise<number> {
  const [row] = (await trx('messages')
    .insert({
      case_id: m.caseId,
      direction: m.direction,
      kind: m.kind,
      dedupe_key: m.dedupeKey,
      message_id: m.messageId,
      in_reply_to: m.inReplyTo.join(' '),
      references: m.references.join(' '),
      from_address: m.fromAddress,
      to_addresses: m.toAddresses.join(','),
      cc_addresses: m.ccAddresses.join(','),
      subject: m.subject,
      text: m.text,
      new_text: m.reply?.text ?? null,
      quote_text: m.reply?.quote ?? null,
      signature_text: m.reply?.signature ?? null,
      at: m.at,
      inbound_id: m.inboundId,
      outbox_id: m.outboxId,
    })
    .returning('id')) as Array<{ id: number }>;
  if (!row) throw new Error('message insert returned nothing');
  return row.id;
}

export async function insertAttachments(trx: Knex, messageId: number, attachments: ParsedAttachment[]): Promise<void> {
  for (const a of attachments) {
    await trx('attachments').insert({
      message_id: messageId,
      safe_name: a.safeName,
      content_type: a.contentType,
      size: a.size,
      sha256: a.sha256,
      content: a.content,
      dropped_reason: a.droppedReason,
    });
  }
}

export async function isDedupeKeyKnown(db: Knex, key: string): Promise<boolean> {
  return (await db('messages').where({ dedupe_key: key }).first('id')) !== undefined;
}

/** Cases that already hold a message with one of these Message-IDs (ours or the client's). */
export async function casesByMessageIds(db: Knex, ids: string[]): Promise<Array<{ caseId: number; messageId: string; direction: 'in' | 'out' }>> {
  if (ids.length === 0) return [];
  const rows = (await db('messages').whereIn('message_id', ids).select('case_id', 'message_id', 'direction')) as Array<{ case_id: number; message_id: string; direction: 'in' | 'out' }>;
  return rows.map((r) => ({ caseId: r.case_id, messageId: r.message_id, direction: r.direction }));
}

/** The case's thread for a new letter to the client: every Message-ID in order, and the client's latest. */
export async function threadOfCase(db: Knex, caseId: number, clientAddress: string): Promise<{ references: string[]; lastFromClient: string | null }> {
  const rows = (await db('messages').where({ case_id: caseId }).whereNotNull('message_id').orderBy('id').select('message_id', 'direction', 'from_address')) as Array<{ message_id: string; direction: string; from_address: string | null }>;
  const fromClient = rows.filter((r) => r.direction === 'in' && r.from_address === clientAddress);
  return { references: rows.map((r) => r.message_id), lastFromClient: fromClient.at(-1)?.message_id ?? null };
}

export async function messagesOfCase(db: Knex, caseId: number): Promise<MessageRow[]> {
  return ((await db('messages').where({ case_id: caseId }).orderBy('id')) as DbMessage[]).map(fromDb);
}

export async function attachmentsOfCase(db: Knex, caseId: number): Promise<Array<{ messageId: number; safeName: string; size: number; sha256: string; kept: boolean }>> {
  const rows = (await db('attachments')
    .join('messages', 'messages.id', 'attachments.message_id')
    .where('messages.case_id', caseId)
    .select('attachments.message_id', 'safe_name', 'size', 'sha256', db.raw('content is not null as kept'))) as Array<{ message_id: number; safe_name: string; size: number; sha256: string; kept: number | boolean }>;
  return rows.map((r) => ({ messageId: r.message_id, safeName: r.safe_name, size: r.size, sha256: r.sha256, kept: Boolean(r.kept) }));
}

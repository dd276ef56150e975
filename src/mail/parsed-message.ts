// Our own view of an inbound message: the rest of the daemon never touches mailparser's types,
// so a parser upgrade or swap changes one folder.

export interface MailAddress {
  /** Lower-cased address, e.g. "client1@example.test". */
  address: string;
  /** Display name as decoded from the header ("" when absent). */
  name: string;
}

export interface ParsedAttachment {
  /** A name safe to show and to store on disk: no path parts, no control characters, bounded length. */
  safeName: string;
  contentType: string;
  size: number;
  /** sha256 of the decoded content, hex. */
  sha256: string;
  /** Decoded bytes; null when the attachment was over the configured size limit and not kept. */
  content: Buffer | null;
  /** Why content is null, e.g. "over size limit 10485760 bytes". */
  droppedReason: string | null;
}

export interface ParsedMessage {
  /** Message-ID without angle brackets, or null when the message has none. */
  messageId: string | null;
  /** sha256 of the raw bytes, hex: the identity of a message without a Message-ID. */
  contentHash: string;
  from: MailAddress | null;
  replyTo: MailAddress | null;
  to: MailAddress[];
  cc: MailAddress[];
  subject: string;
  /** Message-IDs without angle brackets. */
  inReplyTo: string[];
  references: string[];
  date: Date | null;
  /** Plain text body; derived from HTML when there is no text part. */
  text: string;
  html: string | null;
  /** Charsets declared by the message's text parts, lower-cased (e.g. ["koi8-r"]). */
  charsets: string[];
  /** Header lines sent as raw 8-bit bytes and the charset they were read as, e.g. "Subject: raw 8-bit bytes read as koi8-r". */
  repairs: string[];
  /** Header names lower-cased; repeated headers keep every value in order. */
  headers: Record<string, string[]>;
  attachments: ParsedAttachment[];
  /** "ru" | "en" | other ISO 639-1 code guessed from subject + text, or null when unsure. */
  language: string | null;
}

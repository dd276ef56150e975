// What the parse worker answers, and how its answer becomes our ParsedMessage again: structured
// clone turns every Buffer into a plain Uint8Array, and attachments must be Buffers downstream.
import type { ParsedMessage } from './parsed-message';

export type ParseReply =
  | { ok: true; parsed: ParsedMessage }
  | { ok: false; unparseable: true; reason: string }
  | { ok: false; unparseable: false; message: string };

export function reviveParsed(parsed: ParsedMessage): ParsedMessage {
  return {
    ...parsed,
    attachments: parsed.attachments.map((a) => ({ ...a, content: a.content === null ? null : asBuffer(a.content) })),
  };
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

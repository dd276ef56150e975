// Which of our letters a report returns: its Message-ID and recipients, read from the returned
// headers (a text/rfc822-headers or message/rfc822 part) or from the copy pasted under the report.
// The Message-ID is what ties a bounce or an auto-reply to the outbox row and its case.
import { extractMessageIds } from './message-ids';
import { addressesIn } from './bounce-text';

export interface OriginalLetter {
  messageId: string | null;
  /** Addresses in the returned letter's To and Cc, lower-cased. */
  recipients: string[];
}

// A pasted copy is scanned this far; the headers come first and the body is not ours to read.
const MAX_PASTED_CHARS = 32 * 1024;

/** From the first returned-headers part that has the field, else from the pasted copy. */
export function originalLetter(returnedHeaders: readonly string[], pastedCopy: string | null): OriginalLetter {
  const sources = [...returnedHeaders, (pastedCopy ?? '').slice(0, MAX_PASTED_CHARS)];
  let messageId: string | null = null;
  let recipients: string[] = [];
  for (const source of sources) {
    messageId ??= fieldValues(source, 'message-id').flatMap(extractMessageIds)[0] ?? null;
    if (recipients.length === 0) recipients = [...fieldValues(source, 'to'), ...fieldValues(source, 'cc')].flatMap(addressesIn);
  }
  return { messageId, recipients: [...new Set(recipients)] };
}

/** Values of the first header block's `name` fields; pasted copies may be indented, so leading blanks are allowed. */
function fieldValues(text: string, name: string): string[] {
  const values: string[] = [];
  const lines = text.split(/\r?\n/);
  const field = new RegExp(`^[ \\t]*${name}[ \\t]*:(.*)$`, 'i');
  for (let i = 0; i < lines.length; i++) {
    const match = field.exec(lines[i] ?? '');
    if (!match) continue;
    let value = match[1] ?? '';
    while (i + 1 < lines.length && /^[ \t]+\S/.test(lines[i + 1] ?? '') && !/^[ \t]*[\w-]+:/.test(lines[i + 1] ?? '')) value += ` ${lines[++i]?.trim()}`;
    values.push(value.trim());
    // The first occurrence is the returned letter's own; later ones are quoted inside it.
    break;
  }
  return values;
}

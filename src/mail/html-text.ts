// Text for a message that only has HTML. mailparser converts HTML to text only when the HTML is the
// whole message, not when it sits in multipart/alternative or beside attachments (Apple Mail, many
// web forms), so we hand it the HTML again as a one-part message: the same conversion, with the
// guards against deep nesting and huge markup it already has.
import { simpleParser } from 'mailparser';

const HTML_ONLY_HEADER = Buffer.from('Content-Type: text/html; charset=utf-8\r\n\r\n');

/** Plain text of `html`, or "" when it is longer than `maxHtmlLength` or cannot be converted. */
export async function htmlToText(html: string, maxHtmlLength: number): Promise<string> {
  const mail = await simpleParser(Buffer.concat([HTML_ONLY_HEADER, Buffer.from(html)]), {
    maxHtmlLengthToParse: maxHtmlLength,
    skipTextToHtml: true,
    keepCidLinks: true,
  });
  return mail.text ?? '';
}

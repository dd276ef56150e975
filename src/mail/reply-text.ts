// The new text of a reply, split from the quoted history and the signature, so staff read what the
// client wrote this time and rules and the classifier judge only that. Nothing is dropped: the three
// parts together hold every line of the body. Patterns come from config/quoting/.
import { MAX_HTML_TO_TEXT_LENGTH } from './parse';
import type { QuotingPatterns } from './quoting-patterns';
import { htmlLines } from './reply-html';
import { layoutReply } from './reply-layout';
import type { Part } from './reply-layout';
import { textLines } from './reply-lines';
import type { SourceLine } from './reply-lines';

export interface ReplySplit {
  /** The client's new words, trimmed; passages they answer between stay in, marked with ">". */
  text: string;
  /** The quoted history with its attribution or headers; empty when there is none. */
  quote: string;
  /** Signature and mobile footer, kept apart; empty when there is none. */
  signature: string;
}

export function splitReply(body: { text: string; html: string | null }, patterns: QuotingPatterns): ReplySplit {
  const lines = replyLines(body, patterns);
  const parts = layoutReply(lines, patterns);
  return { text: partText(lines, parts, 'text'), quote: partText(lines, parts, 'quote'), signature: partText(lines, parts, 'signature') };
}

/**
 * The HTML says where the quote is when it has a quoting element or divider, so it is read then;
 * otherwise the text part is, as the client wrote it (or the HTML when there is no text part).
 */
function replyLines(body: { text: string; html: string | null }, patterns: QuotingPatterns): SourceLine[] {
  const html = body.html;
  if (html === null || html.length > MAX_HTML_TO_TEXT_LENGTH) return textLines(body.text);
  const fromHtml = htmlLines(html, patterns.htmlMarkers);
  const hasQuoteMarkup = fromHtml.some((l) => l.depth > 0 || l.mark === 'history' || l.mark === 'rule');
  return hasQuoteMarkup || body.text.trim() === '' ? fromHtml : textLines(body.text);
}

function partText(lines: readonly SourceLine[], parts: readonly Part[], part: Part): string {
  return (
    lines
      .filter((_, i) => parts[i] === part)
      .map((l) => l.raw)
      .join('\n')
      // Runs of empty lines (HTML conversion makes many) say nothing a single one does not.
      .replace(/\n[ \t]*(?:\n[ \t]*)+\n/g, '\n\n')
      .trim()
  );
}

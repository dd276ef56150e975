// An HTML reply as lines for the splitter. The markup says where the quote is (gmail_quote, a
// blockquote, Outlook's divider) more surely than any wording, so the conversion keeps it: quoted
// elements get "> " marks, and a marked line shows where history or a signature starts.
import { compile } from 'html-to-text';
import type { FormatCallback, HtmlToTextOptions } from 'html-to-text';
import type { HtmlMarker, HtmlMarkerKind } from './quoting-patterns';
import { toSourceLine } from './reply-lines';
import type { LineMark, SourceLine } from './reply-lines';

// Private-use characters: no mail means anything by them, so they cannot be mistaken for content.
const MARK_CHARACTERS: Record<LineMark, string> = {
  history: '\uE000',
  rule: '\uE001',
  'signature-start': '\uE002',
  'signature-end': '\uE003',
};
const MARK_OF = new Map(Object.entries(MARK_CHARACTERS).map(([mark, ch]) => [ch, mark as LineMark]));
const ANY_MARK = /[\uE000-\uE003]/g;

type Converter = (html: string) => string;
const converters = new WeakMap<readonly HtmlMarker[], Converter>();

export function htmlLines(html: string, markers: readonly HtmlMarker[]): SourceLine[] {
  let convert = converters.get(markers);
  if (!convert) {
    convert = compile(converterOptions(markers));
    converters.set(markers, convert);
  }
  return convert(html.replace(ANY_MARK, '')).split('\n').map(toMarkedLine);
}

/** Null when html-to-text accepts `selector`, else why not; the loader reports it at its line. */
export function selectorProblem(selector: string): string | null {
  try {
    compile({ selectors: [{ selector, format: 'skip' }] })('<p></p>');
    return null;
  } catch (err) {
    return `invalid CSS selector: ${(err as Error).message}`;
  }
}

function toMarkedLine(raw: string): SourceLine {
  const line = toSourceLine(raw, null);
  const mark = MARK_OF.get(line.content);
  return mark ? toSourceLine('', mark) : line;
}

const FORMAT_OF: Record<HtmlMarkerKind, string> = { quote: 'quotedBlock', history: 'historyBlock', rule: 'ruleBlock', signature: 'signatureBlock' };

function converterOptions(markers: readonly HtmlMarker[]): HtmlToTextOptions {
  return {
    // Lines as the writer broke them: the splitter reads line by line.
    wordwrap: false,
    selectors: [
      // "Alex <alex@example.com>" rather than "Alex <alex@example.com [alex@example.com]>".
      { selector: 'a', options: { hideLinkHrefIfSameAsText: true } },
      { selector: 'img', format: 'skip' },
      { selector: 'style', format: 'skip' },
      { selector: 'script', format: 'skip' },
      ...markers.map((m) => ({ selector: m.selector, format: FORMAT_OF[m.kind] })),
    ],
    formatters: {
      quotedBlock,
      historyBlock: markedBlock(MARK_CHARACTERS.history),
      ruleBlock: markedBlock(MARK_CHARACTERS.rule),
      signatureBlock,
    },
  };
}

const quotedBlock: FormatCallback = (elem, walk, builder) => {
  builder.openBlock({ leadingLineBreaks: 1, reservedLineLength: 2 });
  walk(elem.children, builder);
  builder.closeBlock({
    trailingLineBreaks: 1,
    blockTransform: (text) =>
      text
        .replace(/^\n+|\n+$/g, '')
        .split('\n')
        .map((line) => `> ${line}`)
        .join('\n'),
  });
};

function markedBlock(mark: string): FormatCallback {
  return (elem, walk, builder) => {
    addMarkLine(builder, mark);
    builder.openBlock({ leadingLineBreaks: 1 });
    walk(elem.children, builder);
    builder.closeBlock({ trailingLineBreaks: 1 });
  };
}

const signatureBlock: FormatCallback = (elem, walk, builder) => {
  addMarkLine(builder, MARK_CHARACTERS['signature-start']);
  builder.openBlock({ leadingLineBreaks: 1 });
  walk(elem.children, builder);
  builder.closeBlock({ trailingLineBreaks: 1 });
  addMarkLine(builder, MARK_CHARACTERS['signature-end']);
};

function addMarkLine(builder: Parameters<FormatCallback>[2], mark: string): void {
  builder.openBlock({ leadingLineBreaks: 1 });
  builder.addLiteral(mark);
  builder.closeBlock({ trailingLineBreaks: 1 });
}

// A body as the reply splitter reads it: one entry per line, with its quote depth and the text the
// patterns are matched against. Plain text and converted HTML both become this, so one set of
// decisions serves both.

export interface SourceLine {
  /** The line as it will be shown in the result. */
  readonly raw: string;
  /** Quote marks taken off, invisible characters dropped, spaces collapsed, trimmed. */
  readonly content: string;
  /** How many quote marks (">") precede the content; 0 for the writer's own lines. */
  readonly depth: number;
  /** Set on the lines HTML conversion adds where the markup says history or a signature starts. */
  readonly mark: LineMark | null;
}

export type LineMark = 'history' | 'rule' | 'signature-start' | 'signature-end';

// ">" as every client writes it, and initials before it ("RC>", "C>") as Supercite and some Usenet
// readers do. A name is not taken ("Richard>"): too close to prose such as "Settings> Privacy".
const QUOTE_PREFIX = /^(?:[ \t]*(?:>|[A-Z]{1,3}>(?=[\s>]|$)))+[ \t]?/;
// Direction marks and zero-width characters that Windows Mail and others sprinkle in header lines.
const INVISIBLE = /[\u00AD\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g;

export function textLines(text: string): SourceLine[] {
  return text.split(/\r\n|\r|\n/).map((raw) => toSourceLine(raw, null));
}

export function toSourceLine(raw: string, mark: LineMark | null): SourceLine {
  const prefix = QUOTE_PREFIX.exec(raw)?.[0] ?? '';
  const depth = prefix.split('>').length - 1;
  return { raw, content: normalizeLine(raw.slice(prefix.length)), depth, mark };
}

/** What patterns are matched against, so an admin's example and a real line are compared alike. */
export function normalizeLine(text: string): string {
  return text.replace(INVISIBLE, '').replace(/[\s\u00A0]+/g, ' ').trim();
}

/** An empty line of the writer's own; an empty quoted line (">") still belongs to its quote. */
export function isBlank(line: SourceLine): boolean {
  return line.content === '' && line.depth === 0 && line.mark === null;
}

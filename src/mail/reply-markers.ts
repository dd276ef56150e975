// Where quoted history announces itself: an attribution ("On … wrote:", «… пишет:»), a block of
// quoted headers (From:/Sent:/To: or От:/Отправлено:/Кому:), a separator ("-----Original
// Message-----") or a divider the HTML conversion marked. Pure: lines and patterns in, spans out.
import type { HeaderRole, LinePattern, QuotingPatterns } from './quoting-patterns';
import { isBlank } from './reply-lines';
import type { SourceLine } from './reply-lines';

export type MarkerKind = 'attribution' | 'header' | 'separator' | 'history';

export interface Marker {
  readonly kind: MarkerKind;
  /** First line of the marker. */
  readonly start: number;
  /** The line after it. */
  readonly end: number;
}

// Clients wrap a long attribution ("On Thu, … Some One <\nsome@one.org> wrote:") over a few lines.
const MAX_ATTRIBUTION_LINES = 6;
const MAX_ATTRIBUTION_LENGTH = 500;
const MAX_QUOTED_CLOSING_LENGTH = 20;
// A quoted header block is short; a "From:" line far above a "Subject:" line is not one.
const MAX_HEADER_BLOCK_LINES = 12;
// From, a date and a recipient: two fields alone ("From: …", "To: …") can be a client's own note.
const MIN_HEADER_ROLES = 3;
// Outlook draws "________________________________" or " -------" above the quoted headers.
const RULE_LINE = /^[-_=*~ ]{5,}$/;

export class MarkerFinder {
  private readonly fieldLine: RegExp | null;
  private readonly singleLine = new Map<number, boolean>();

  constructor(
    private readonly lines: readonly SourceLine[],
    private readonly patterns: QuotingPatterns,
  ) {
    this.fieldLine = fieldLineRegex([...patterns.headerFields.keys()]);
  }

  /** The marker starting at line `i` among lines quoted `depth` deep, or null. */
  markerAt(i: number, depth: number): Marker | null {
    const line = this.lines[i];
    if (!line || line.depth !== depth) return null;
    if (line.mark === 'history') return { kind: 'history', start: i, end: i + 1 };
    if (line.mark === 'rule' || RULE_LINE.test(line.content)) return this.ruledHeaderAt(i, depth);
    if (line.content === '') return null;
    if (matchesAny(this.patterns.separators, line.content)) {
      const headers = this.headerBlockAt(this.nextContentLine(i + 1, depth), depth);
      return { kind: 'separator', start: i, end: headers?.end ?? i + 1 };
    }
    return this.headerBlockAt(i, depth) ?? this.attributionAt(i, depth);
  }

  /** Markers among the writer's own (unquoted) lines, top to bottom. */
  topLevelMarkers(): Marker[] {
    const markers: Marker[] = [];
    for (let i = 0; i < this.lines.length; i++) {
      const marker = this.markerAt(i, 0);
      if (!marker) continue;
      markers.push(marker);
      i = marker.end - 1;
    }
    return markers;
  }

  private ruledHeaderAt(i: number, depth: number): Marker | null {
    const next = this.nextContentLine(i + 1, depth);
    const below = this.headerBlockAt(next, depth) ?? this.attributionAt(next, depth);
    return below ? { kind: 'header', start: i, end: below.end } : null;
  }

  private headerBlockAt(i: number, depth: number): Marker | null {
    const roles = new Set<HeaderRole>();
    let end = i;
    for (let j = i; j < this.lines.length && j < i + MAX_HEADER_BLOCK_LINES; j++) {
      const line = this.lines[j];
      if (!line || line.depth !== depth || isBlank(line)) break;
      const role = this.fieldRole(line.content);
      if (role) {
        roles.add(role);
        end = j + 1;
      } else if (j === i) {
        return null;
      }
    }
    return roles.has('from') && roles.size >= MIN_HEADER_ROLES ? { kind: 'header', start: i, end } : null;
  }

  private fieldRole(content: string): HeaderRole | null {
    const name = this.fieldLine?.exec(content)?.[1];
    return name === undefined ? null : (this.patterns.headerFields.get(name.toLowerCase()) ?? null);
  }

  private attributionAt(i: number, depth: number): Marker | null {
    const first = this.lines[i];
    if (!first || first.depth !== depth || first.content === '' || first.content.length > MAX_ATTRIBUTION_LENGTH) return null;
    if (this.isSingleLineAttribution(i)) return { kind: 'attribution', start: i, end: i + 1 };
    const end = this.wrappedAttributionEnd(i, depth);
    // The nearest start wins: in ":+1:" above "On …" / "<a@b> wrote:", the attribution is the lower two.
    if (end === null || this.wrappedAttributionEnd(this.nextContentLine(i + 1, depth), depth) === end) return null;
    return { kind: 'attribution', start: i, end };
  }

  /** The line after a wrapped attribution starting at `i`, or null. */
  private wrappedAttributionEnd(i: number, depth: number): number | null {
    const first = this.lines[i];
    // Only a line that names a date or an address can begin a wrapped attribution.
    if (!first || first.depth !== depth || !/[\d@]/.test(first.content) || first.content.length > MAX_ATTRIBUTION_LENGTH) return null;
    let joined = first.content;
    for (let j = i + 1; j < this.lines.length && j < i + MAX_ATTRIBUTION_LINES; j++) {
      const line = this.lines[j];
      if (!line || line.depth < depth || line.mark !== null) return null;
      if (line.content === '') continue;
      // Outlook for Mac quotes the last piece ("> wrote:"); a longer quoted line is the quote itself.
      const isClosingPiece = line.depth > depth;
      if (isClosingPiece && line.content.length > MAX_QUOTED_CLOSING_LENGTH) return null;
      // A line that is an attribution on its own is one, unless an address was cut at its "<"
      // above it; otherwise "On this day … I wrote something" would swallow the real one below.
      if (this.isSingleLineAttribution(j) && !joined.endsWith('<')) return null;
      joined = `${joined} ${line.content}`;
      if (joined.length > MAX_ATTRIBUTION_LENGTH) return null;
      if (matchesAny(this.patterns.attribution, joined)) return j + 1;
      if (isClosingPiece) return null;
    }
    return null;
  }

  private isSingleLineAttribution(i: number): boolean {
    let known = this.singleLine.get(i);
    if (known === undefined) {
      const content = this.lines[i]?.content ?? '';
      known = content !== '' && content.length <= MAX_ATTRIBUTION_LENGTH && matchesAny(this.patterns.attribution, content);
      this.singleLine.set(i, known);
    }
    return known;
  }

  /** The first line at or after `i` that is not blank, skipping at most two blank lines. */
  private nextContentLine(i: number, depth: number): number {
    let j = i;
    while (j < i + 2 && this.lines[j] && this.lines[j]?.depth === depth && isBlank(this.lines[j] as SourceLine)) j++;
    return j;
  }
}

export function matchesAny(patterns: readonly LinePattern[], content: string): boolean {
  return patterns.some((p) => p.regex.test(content));
}

/** "*From:* …", "От: …", "Envoyé : …": a known field name, perhaps in bold marks, then a colon. */
function fieldLineRegex(names: readonly string[]): RegExp | null {
  if (names.length === 0) return null;
  const alternatives = [...names].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|');
  return new RegExp(`^[*_]{0,2}(${alternatives})[*_]{0,2} ?[:：][*_]{0,2}(?: |$)`, 'iu');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

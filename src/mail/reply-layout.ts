// Decides, line by line, whether a reply's line is the client's new text, quoted history or their
// signature. Top-posting is cut at the first marker of history; bottom-posting and answers written
// between quoted passages keep the client's words, with the passages they answer as context.
import type { QuotingPatterns } from './quoting-patterns';
import { MarkerFinder, matchesAny } from './reply-markers';
import type { Marker } from './reply-markers';
import { isBlank } from './reply-lines';
import type { SourceLine } from './reply-lines';
import { findSignatureStart } from './reply-signature';

export type Part = 'text' | 'quote' | 'signature';

interface Item {
  readonly kind: 'text' | 'quoted' | 'marker';
  readonly start: number;
  readonly end: number;
  readonly marker?: Marker;
}

/** The part each line belongs to, in line order. */
export function layoutReply(lines: readonly SourceLine[], patterns: QuotingPatterns): Part[] {
  const finder = new MarkerFinder(lines, patterns);
  const items = toItems(lines, finder.topLevelMarkers().filter((m) => isHistory(m, lines)));
  const parts = decideItems(items, lines, finder, patterns);
  const byLine: Array<Part | null> = lines.map(() => null);
  items.forEach((item, k) => {
    for (let i = item.start; i < item.end; i++) byLine[i] = parts[k] ?? 'text';
  });
  markSignature(byLine, items, parts, lines, patterns);
  return fillBlankLines(byLine);
}

/** Runs of the writer's lines and of quoted lines (blank lines inside a run belong to it), and markers. */
function toItems(lines: readonly SourceLine[], markers: readonly Marker[]): Item[] {
  const items: Item[] = [];
  const markerAt = new Map(markers.map((m) => [m.start, m]));
  for (let i = 0; i < lines.length; i++) {
    const marker = markerAt.get(i);
    if (marker) {
      items.push({ kind: 'marker', start: marker.start, end: marker.end, marker });
      i = marker.end - 1;
      continue;
    }
    const line = lines[i] as SourceLine;
    if (isBlank(line) || line.mark === 'rule' || line.mark === 'signature-end') continue;
    const kind = line.depth > 0 ? 'quoted' : 'text';
    const last = items[items.length - 1];
    if (last && last.kind === kind) items[items.length - 1] = { kind, start: last.start, end: i + 1 };
    else items.push({ kind, start: i, end: i + 1 });
  }
  return items;
}

function decideItems(items: readonly Item[], lines: readonly SourceLine[], finder: MarkerFinder, patterns: QuotingPatterns): Part[] {
  const parts: Part[] = items.map(() => 'text');
  const isText = (item: Item | undefined): boolean => item !== undefined && item.kind === 'text' && isClientText(item, lines, patterns);
  // How many runs of the client's own text follow, between quoted passages, before history that
  // has no end (an Outlook header block, or an attribution with the old letter unquoted below it)?
  const answersFrom = (k: number): number => {
    let answers = 0;
    for (let m = k; m < items.length; m++) {
      const item = items[m] as Item;
      if (isText(item)) answers++;
      if (item.kind !== 'marker') continue;
      if (item.marker?.kind !== 'attribution' || items[m + 1]?.kind !== 'quoted') break;
      m++;
    }
    return answers;
  };
  let seenText = false;
  for (let k = 0; k < items.length; k++) {
    const item = items[k] as Item;
    if (item.kind === 'text') {
      seenText ||= isText(item);
      continue;
    }
    if (item.kind === 'marker') {
      const passage = items[k + 1]?.kind === 'quoted' ? k + 1 : null;
      // Answered passage by passage: one answer below history is bottom-posting, not that.
      const isAnswered = passage !== null && item.marker?.kind === 'attribution' && answersFrom(passage + 1) >= (seenText ? 1 : 2);
      // With nothing new above it (a bottom-posted reply, a bare forward) the marker is history and
      // whatever the client wrote below is their text; a passage they answer stays as context.
      if (!seenText || isAnswered) {
        parts[k] = 'quote';
        if (passage !== null) parts[(k = passage)] = isAnswered ? 'text' : 'quote';
        continue;
      }
      return cutAt(parts, items, k, lines, patterns);
    }
    if (!seenText && opensWithHistory(item, lines, finder)) parts[k] = 'quote';
    else if (answersFrom(k + 1) >= 1) parts[k] = 'text';
    // A bare quote and nothing else: it is what the client chose to send, so it stays their text.
    else if (seenText || items.some((other) => other.kind === 'marker')) return cutAt(parts, items, k, lines, patterns);
  }
  return parts;
}

/** Everything from item k on is history, except a signature the client put below a ">" quote. */
function cutAt(parts: Part[], items: readonly Item[], k: number, lines: readonly SourceLine[], patterns: QuotingPatterns): Part[] {
  for (let m = k; m < items.length; m++) parts[m] = 'quote';
  const last = items.length - 1;
  const lastItem = items[last];
  const isBelowQuote = items.slice(k, last).every((it) => it.kind === 'quoted' || it.marker?.kind === 'attribution');
  if (last > k && lastItem?.kind === 'text' && isBelowQuote && startsWithSeparator(lastItem, lines, patterns)) parts[last] = 'signature';
  return parts;
}

/** The signature is at the end of the client's last run of their own text. */
function markSignature(byLine: Array<Part | null>, items: readonly Item[], parts: readonly Part[], lines: readonly SourceLine[], patterns: QuotingPatterns): void {
  const k = parts.reduce((found, part, m) => (part === 'text' && items[m]?.kind === 'text' ? m : found), -1);
  const item = items[k];
  if (!item) return;
  const start = findSignatureStart(lines, item.start, item.end, patterns);
  if (start === null) return;
  for (let i = start; i < item.end; i++) byLine[i] = 'signature';
}

/** The client's words, as opposed to a signature block written below a quote. */
function isClientText(item: Item, lines: readonly SourceLine[], patterns: QuotingPatterns): boolean {
  const content = lines.slice(item.start, item.end).filter((l) => l.content !== '');
  if (content.length === 0 || startsWithSeparator(item, lines, patterns)) return false;
  return !content.every((l) => matchesAny(patterns.mobileSignatures, l.content));
}

function startsWithSeparator(item: Item, lines: readonly SourceLine[], patterns: QuotingPatterns): boolean {
  const first = lines.slice(item.start, item.end).find((l) => l.content !== '');
  return first !== undefined && patterns.signatureSeparators.some((s) => !s.requiresContact && s.regex.test(first.content));
}

/**
 * "On 12 March 2024 the manager wrote:" followed by the client's own account is their story. Only
 * an attribution as mail clients write it (with a time or an address) vouches for unquoted history;
 * one written by hand counts when quoted lines follow it.
 */
function isHistory(marker: Marker, lines: readonly SourceLine[]): boolean {
  if (marker.kind !== 'attribution') return true;
  if (lines.slice(marker.start, marker.end).some((l) => /\d{1,2}[:.]\d{2}|@/.test(l.content))) return true;
  const next = lines.slice(marker.end).find((l) => !isBlank(l));
  return next !== undefined && next.depth > 0;
}

/** A quoted run that begins with its own attribution or headers is history, not a passage quoted to answer. */
function opensWithHistory(item: Item, lines: readonly SourceLine[], finder: MarkerFinder): boolean {
  for (let i = item.start; i < item.end; i++) {
    const line = lines[i];
    if (line && line.content !== '') return finder.markerAt(i, line.depth) !== null;
  }
  return false;
}

/** A blank line goes with the line above it (or, at the top, the line below): parts are trimmed later. */
function fillBlankLines(byLine: ReadonlyArray<Part | null>): Part[] {
  const firstKnown = byLine.find((p): p is Part => p !== null) ?? 'text';
  let previous: Part = firstKnown;
  return byLine.map((part) => (previous = part ?? previous));
}

// Pure: finds threats of court, regulators, the press, lawyers or the police in a complaint, with the
// phrase list entry and the writer's own words for each, so staff see why a case was flagged. Phrases
// are matched exactly as rule keywords are (Snowball stems, `*` prefixes, adjacent words in order).
import { termPositions } from '../rules/match';
import { MessageView } from '../rules/message-view';
import type { Segment } from '../rules/message-view';
import type { Term } from '../rules/rule-set';

export const THREAT_KINDS = ['court', 'regulator', 'press', 'lawyer', 'police'] as const;
export type ThreatKind = (typeof THREAT_KINDS)[number];

export interface ThreatExample {
  readonly subject: string;
  readonly body: string;
  readonly line: number;
}

export interface ThreatGroup {
  readonly id: string;
  readonly kind: ThreatKind;
  readonly description: string;
  readonly phrases: readonly Term[];
  /** Wording that looks like a phrase but is not a threat («судя по всему»): a phrase inside it does not count. */
  readonly except: readonly Term[];
  readonly examples: readonly ThreatExample[];
  readonly counterExamples: readonly ThreatExample[];
  readonly file: string;
  readonly line: number;
}

export interface ThreatLists {
  readonly file: string;
  /** In file order. */
  readonly groups: readonly ThreatGroup[];
}

export interface Threat {
  readonly kind: ThreatKind;
  /** The group whose phrase matched, e.g. "court-ru". */
  readonly group: string;
  /** The phrase as written in the list, e.g. "пода* в суд". */
  readonly phrase: string;
  /** The words as found in the message (lower-cased, ё as е), e.g. "подам в суд". */
  readonly matched: string;
  readonly where: 'subject' | 'body';
}

interface Found {
  phrase: string;
  start: number;
  end: number;
}

/**
 * Each phrase is reported once per group, at its first place. Where phrases of a group overlap, the
 * longest is kept ("подам в суд", not also "суд"), so the evidence reads as the writer put it.
 */
export function detectThreats(text: string, subject: string, lists: ThreatLists): Threat[] {
  const view = new MessageView({ subject, text, fromAddress: '', headers: {}, attachmentNames: [] });
  const threats: Threat[] = [];
  for (const group of lists.groups) {
    const reported = new Set<string>();
    for (const segment of view.segments('text')) {
      for (const found of foundIn(segment, group)) {
        if (reported.has(found.phrase)) continue;
        reported.add(found.phrase);
        const matched = segment.words.slice(found.start, found.end).join(' ');
        threats.push({ kind: group.kind, group: group.id, phrase: found.phrase, matched, where: segment.where === 'subject' ? 'subject' : 'body' });
      }
    }
  }
  return threats;
}

function foundIn(segment: Segment, group: ThreatGroup): Found[] {
  const excluded = group.except.flatMap((term) => occurrences(segment, term));
  const found = group.phrases
    .flatMap((term) => occurrences(segment, term))
    .filter((f) => !excluded.some((x) => f.start < x.end && x.start < f.end));
  return found
    .filter((f) => !found.some((g) => g !== f && g.start <= f.start && f.end <= g.end && g.end - g.start > f.end - f.start))
    .sort((a, b) => a.start - b.start);
}

function occurrences(segment: Segment, term: Term): Found[] {
  return termPositions(segment, term).map((start) => ({ phrase: term.text, start, end: start + term.parts.length }));
}

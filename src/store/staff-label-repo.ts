// Staff labels seen through the case history: how many cases got one since a time (what makes a
// retrain due), and which categories staff had to correct to (the causes the rules and the model
// miss). History events come from src/cases/set-category.ts.
import type { Knex } from 'knex';

const LABEL_EVENTS = ['category_confirmed', 'category_corrected'];

/** Cases confirmed or corrected after `since` (all of them when null) and at or before `until`. */
export async function countLabelledCasesSince(db: Knex, since: string | null, until: string): Promise<number> {
  const query = db('history').whereIn('event', LABEL_EVENTS).andWhere('at', '<=', until);
  if (since !== null) query.andWhere('at', '>', since);
  const row = (await query.countDistinct({ n: 'case_id' }).first()) as { n: number | string } | undefined;
  return Number(row?.n ?? 0);
}

export interface CorrectedCategory {
  /** The category staff set: the cause that was missed. */
  category: string;
  corrections: number;
  /** What the case had before, most frequent first. */
  previous: Array<{ category: string | null; count: number }>;
  /** Who had decided the wrong category: rule, classifier, default (or staff, for a second correction). */
  decidedBy: Record<string, number>;
}

interface CorrectionRow {
  case_id: number;
  details: string | null;
}

/** Corrections with `from` <= at < `to`, grouped by the category staff set, most corrected first. */
export async function mostCorrectedCategories(db: Knex, range: { from: string; to: string }): Promise<CorrectedCategory[]> {
  const rows = (await db('history')
    .where({ event: 'category_corrected' })
    .andWhere('at', '>=', range.from)
    .andWhere('at', '<', range.to)
    .orderBy('id')
    .select('case_id', 'details')) as CorrectionRow[];
  const caseIds = [...new Set(rows.map((r) => r.case_id))];
  const sourceOf = await firstCategorisationSources(db, caseIds);
  const seenCase = new Set<number>();
  const byCategory = new Map<string, { corrections: number; previous: Map<string | null, number>; decidedBy: Record<string, number> }>();
  for (const row of rows) {
    const details = (row.details === null ? {} : JSON.parse(row.details)) as { previous?: string | null; category?: string };
    if (details.category === undefined) continue;
    const entry = byCategory.get(details.category) ?? { corrections: 0, previous: new Map<string | null, number>(), decidedBy: {} as Record<string, number> };
    entry.corrections++;
    const previous = details.previous ?? null;
    entry.previous.set(previous, (entry.previous.get(previous) ?? 0) + 1);
    // The daemon decided only a case's first category; later corrections undo a person's.
    const decider = seenCase.has(row.case_id) ? 'staff' : (sourceOf.get(row.case_id) ?? 'unknown');
    seenCase.add(row.case_id);
    entry.decidedBy[decider] = (entry.decidedBy[decider] ?? 0) + 1;
    byCategory.set(details.category, entry);
  }
  return [...byCategory]
    .map(([category, e]) => ({
      category,
      corrections: e.corrections,
      previous: [...e.previous].map(([c, count]) => ({ category: c, count })).sort((a, b) => b.count - a.count),
      decidedBy: e.decidedBy,
    }))
    .sort((a, b) => b.corrections - a.corrections || (a.category < b.category ? -1 : 1));
}

async function firstCategorisationSources(db: Knex, caseIds: number[]): Promise<Map<number, string>> {
  const sources = new Map<number, string>();
  // Chunks keep the IN list under SQLite's bound-parameter limit.
  for (let start = 0; start < caseIds.length; start += 500) {
    const rows = (await db('history')
      .where({ event: 'categorised' })
      .whereIn('case_id', caseIds.slice(start, start + 500))
      .orderBy('id')
      .select('case_id', 'details')) as CorrectionRow[];
    for (const row of rows) {
      if (sources.has(row.case_id) || row.details === null) continue;
      const source = (JSON.parse(row.details) as { source?: string }).source;
      if (source !== undefined) sources.set(row.case_id, source);
    }
  }
  return sources;
}

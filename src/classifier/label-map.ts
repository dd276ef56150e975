// Labels in an exported CSV (a city portal's rubric, a regulator's product name) are rarely this
// organisation's category ids. An admin-edited table maps them, so a model trained on such a file
// predicts categories the rules know, instead of labels that all fall back to `other`.
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { problemAt, readYaml, schemaProblems } from '../config/yaml-source';
import { RuleFileError } from '../rules/rule-file-error';
import type { LabelledText } from './category-predictor';

/** Source label -> category id. */
export type LabelMap = ReadonlyMap<string, string>;

const fileSchema = z.record(z.string(), z.string().min(1)).nullable();

/** Pure: validates the text of a label-map file against the known category ids. */
export function parseLabelMap(file: string, text: string, categoryIds: ReadonlySet<string>): LabelMap {
  const source = readYaml(file, text);
  if (source.problems.length > 0) throw new RuleFileError(source.problems);
  const parsed = fileSchema.safeParse(source.data);
  if (!parsed.success) throw new RuleFileError(schemaProblems(source, parsed.error));
  const entries = Object.entries(parsed.data ?? {});
  const problems = entries
    .filter(([, category]) => !categoryIds.has(category))
    .map(([label, category]) => problemAt(source, [label], `maps to unknown category "${category}"`));
  if (problems.length > 0) throw new RuleFileError(problems);
  return new Map(entries.map(([label, category]) => [label.trim(), category]));
}

/** An empty path means no table; a missing file named in the config is an error, not silence. */
export async function loadLabelMap(file: string, categoryIds: ReadonlySet<string>): Promise<LabelMap> {
  if (file === '') return new Map();
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new RuleFileError([{ file, line: 0, message: `cannot read label map: ${(err as Error).message}` }]);
  }
  return parseLabelMap(file, text, categoryIds);
}

export interface MappedLabels {
  examples: LabelledText[];
  /** Labels that are neither category ids nor in the table, with their counts: a model would predict them, and the daemon would file such cases under `other`. */
  unmapped: Array<{ label: string; count: number }>;
}

/** Category ids pass through; mapped labels are replaced; the rest are kept and reported. */
export function applyLabelMap(examples: LabelledText[], map: LabelMap, categoryIds: ReadonlySet<string>): MappedLabels {
  const unmapped = new Map<string, number>();
  const mapped = examples.map((e) => {
    const category = categoryIds.has(e.label) ? e.label : map.get(e.label);
    if (category !== undefined) return { text: e.text, label: category };
    unmapped.set(e.label, (unmapped.get(e.label) ?? 0) + 1);
    return e;
  });
  return { examples: mapped, unmapped: [...unmapped].map(([label, count]) => ({ label, count })).sort((a, b) => b.count - a.count) };
}

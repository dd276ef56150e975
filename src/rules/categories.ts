// The causes a complaint can have, each with the department that handles it and its default priority
// and deadline: loaded from config/categories.yaml and validated before any rule can refer to them.
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { CASE_PRIORITIES } from './case-priority';
import type { CasePriority } from './case-priority';
import { RuleFileError } from './rule-file-error';
import type { FileProblem } from './rule-file-error';
import { problemAt, readYaml, schemaProblems } from '../config/yaml-source';
import type { KeyPath } from '../config/yaml-source';
import { DEADLINE_UNITS } from '../deadlines/deadline';
import type { DeadlineUnit } from '../deadlines/deadline';

/** The category a case gets when nothing else decides; combine.ts relies on it existing. */
export const DEFAULT_CATEGORY = 'other';

export const KEBAB_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export interface Department {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  /** Where new cases are announced; the department's email unless the file lists others. */
  readonly queue: readonly string[];
  /** Lower-cased address of the staff member who approves this department's decisions. */
  readonly supervisor: string | null;
}

export interface Category {
  readonly id: string;
  readonly names: { readonly ru: string; readonly en: string };
  /** A department id. */
  readonly department: string;
  readonly priority: CasePriority;
  /** Null: the configured default (deadlines.defaultDays). */
  readonly deadlineDays: number | null;
  /** Calendar days unless the file says working days; see src/deadlines/deadline.ts for the counting. */
  readonly deadlineUnit: DeadlineUnit;
  /** When the department is told a case has this cause: at once (a notice), or only in its digest. */
  readonly notice: 'immediate' | 'digest';
}

export interface CategorySet {
  readonly file: string;
  /** In file order. */
  readonly categories: ReadonlyMap<string, Category>;
  readonly departments: ReadonlyMap<string, Department>;
}

const id = z.string().regex(KEBAB_ID, { error: 'must be a kebab-case id such as "customer-care"' });

const departmentSchema = z.strictObject({
  id,
  name: z.string().min(1),
  email: z.email(),
  queue: z.array(z.email()).min(1).optional(),
  supervisor: z.email().transform((a) => a.toLowerCase()).optional(),
});

const categorySchema = z.strictObject({
  id,
  name: z.strictObject({ ru: z.string().min(1), en: z.string().min(1) }),
  department: id,
  priority: z.enum(CASE_PRIORITIES),
  deadline_days: z.int().positive().optional(),
  deadline_unit: z.enum(DEADLINE_UNITS).default('calendar'),
  notice: z.enum(['immediate', 'digest']).default('digest'),
});

/** Items are validated one by one, so one bad entry does not hide the problems of the others. */
const fileSchema = z.strictObject({
  departments: z.array(z.unknown()).min(1),
  categories: z.array(z.unknown()).min(1),
});

export async function loadCategories(file: string): Promise<CategorySet> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new RuleFileError([{ file, line: 0, message: `cannot read categories file: ${(err as Error).message}` }]);
  }
  return parseCategories(file, text);
}

/** Pure: validates the text of a categories file; throws RuleFileError listing every problem. */
export function parseCategories(file: string, text: string): CategorySet {
  const source = readYaml(file, text);
  if (source.problems.length > 0) throw new RuleFileError(source.problems);
  const parsed = fileSchema.safeParse(source.data);
  if (!parsed.success) throw new RuleFileError(schemaProblems(source, parsed.error));

  const problems: FileProblem[] = [];
  const validItems = <T>(key: 'departments' | 'categories', schema: z.ZodType<T>): Array<{ item: T; at: KeyPath }> =>
    parsed.data[key].flatMap((raw, i) => {
      const result = schema.safeParse(raw);
      if (result.success) return [{ item: result.data, at: [key, i] }];
      problems.push(...schemaProblems(source, result.error, [key, i]));
      return [];
    });

  const departments = new Map<string, Department>();
  for (const { item: d, at } of validItems('departments', departmentSchema)) {
    if (departments.has(d.id)) problems.push(problemAt(source, [...at, 'id'], `duplicate department id "${d.id}"`));
    departments.set(d.id, Object.freeze({ id: d.id, name: d.name, email: d.email, queue: Object.freeze(d.queue ?? [d.email]), supervisor: d.supervisor ?? null }));
  }
  // A department with a bad email is still declared: its categories need no second complaint.
  const declared = new Set(parsed.data.departments.map((d) => (d as { id?: unknown } | null)?.id));
  const categories = new Map<string, Category>();
  for (const { item: c, at } of validItems('categories', categorySchema)) {
    if (categories.has(c.id)) problems.push(problemAt(source, [...at, 'id'], `duplicate category id "${c.id}"`));
    if (!declared.has(c.department)) {
      problems.push(problemAt(source, [...at, 'department'], `unknown department "${c.department}"`));
    }
    const names = Object.freeze({ ...c.name });
    categories.set(c.id, Object.freeze({
      id: c.id,
      names,
      department: c.department,
      priority: c.priority,
      deadlineDays: c.deadline_days ?? null,
      deadlineUnit: c.deadline_unit,
      notice: c.notice,
    }));
  }
  if (!categories.has(DEFAULT_CATEGORY)) {
    problems.push(problemAt(source, ['categories'], `a category "${DEFAULT_CATEGORY}" is required: it is the fallback when nothing matches`));
  }
  if (problems.length > 0) throw new RuleFileError(problems);
  return Object.freeze({ file, categories, departments });
}

// Reads the threat phrase lists admins edit (config/alerts/threats.yaml): groups of phrases per kind of
// threat and language, with examples and counter-examples the test suite runs. Checked strictly and
// compiled once, every problem reported with its line.
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { THREAT_KINDS } from './threats';
import type { ThreatExample, ThreatGroup, ThreatLists } from './threats';
import { problemAt, readYaml, schemaProblems } from '../config/yaml-source';
import type { FileProblem } from '../config/yaml-source';
import { KEBAB_ID } from '../rules/categories';
import { compileTerm } from '../rules/compile-rule';
import { RuleFileError } from '../rules/rule-file-error';
import type { Term } from '../rules/rule-set';

const WHAT = 'the threat phrase lists';

const exampleObject = z
  .strictObject({ subject: z.string().optional(), body: z.string().optional() })
  .refine((e) => e.subject !== undefined || e.body !== undefined, { error: 'an example needs a subject or a body' });

/** A plain string example is the body of a message with no subject, as in rule files. */
const example = z.preprocess((v) => (typeof v === 'string' ? { body: v } : v), exampleObject);

const groupSchema = z.strictObject({
  id: z.string().regex(KEBAB_ID, { error: 'must be a kebab-case id such as "court-ru"' }),
  kind: z.enum(THREAT_KINDS),
  description: z.string().min(1),
  phrases: z.array(z.string().min(1)).min(1),
  except: z.array(z.string().min(1)).default([]),
  examples: z.array(example).min(1, { error: 'every group needs at least one example' }),
  counter_examples: z.array(example).default([]),
});

/** Groups are validated one by one, so one broken group does not hide its neighbours' problems. */
const fileSchema = z.strictObject({ groups: z.array(z.unknown()).min(1) });

export async function loadThreatLists(file: string): Promise<ThreatLists> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new RuleFileError([{ file, line: 0, message: `cannot read threat phrase lists: ${(err as Error).message}` }], WHAT);
  }
  return parseThreatLists(file, text);
}

/** Pure: validates and compiles the text of a threats file; throws RuleFileError listing every problem. */
export function parseThreatLists(file: string, text: string): ThreatLists {
  const source = readYaml(file, text);
  if (source.problems.length > 0) throw new RuleFileError(source.problems, WHAT);
  const parsed = fileSchema.safeParse(source.data);
  if (!parsed.success) throw new RuleFileError(schemaProblems(source, parsed.error), WHAT);

  const problems: FileProblem[] = [];
  const groups: ThreatGroup[] = [];
  const firstSeen = new Map<string, number>();
  parsed.data.groups.forEach((raw, i) => {
    const at = ['groups', i];
    const result = groupSchema.safeParse(raw);
    if (!result.success) {
      problems.push(...schemaProblems(source, result.error, at));
      return;
    }
    const g = result.data;
    const earlier = firstSeen.get(g.id);
    if (earlier !== undefined) problems.push(problemAt(source, [...at, 'id'], `duplicate group id "${g.id}" (first defined at line ${earlier})`));
    else firstSeen.set(g.id, source.lineOf(at));
    const compile = (key: 'phrases' | 'except'): Term[] =>
      g[key].flatMap((phrase, j) => {
        const term = compileTerm(phrase);
        if (typeof term !== 'string') return [term];
        problems.push(problemAt(source, [...at, key, j], term));
        return [];
      });
    const examples = (key: 'examples' | 'counter_examples'): ThreatExample[] =>
      g[key].map((e, j) => Object.freeze({ subject: e.subject ?? '', body: e.body ?? '', line: source.lineOf([...at, key, j]) }));
    groups.push(
      Object.freeze({
        id: g.id,
        kind: g.kind,
        description: g.description,
        phrases: Object.freeze(compile('phrases')),
        except: Object.freeze(compile('except')),
        examples: Object.freeze(examples('examples')),
        counterExamples: Object.freeze(examples('counter_examples')),
        file,
        line: source.lineOf(at),
      }),
    );
  });
  if (problems.length > 0) throw new RuleFileError(problems, WHAT);
  return Object.freeze({ file, groups: Object.freeze(groups) });
}

// Turns a rule as written into a Rule ready to match: keywords stemmed once here, regular expressions
// compiled once here, and references to categories and departments checked against categories.yaml.
import { stemWord } from '../text/stem';
import { words } from '../text/tokenize';
import type { CategorySet } from './categories';
import type { FileProblem } from './rule-file-error';
import type { RawCondition, RawExample, RawRule } from './rule-schema';
import type { Condition, Matcher, Rule, RuleExample, Term, TermPart } from './rule-set';
import type { CategorizeInput } from './verdict';
import { problemAt } from '../config/yaml-source';
import type { KeyPath, YamlSource } from '../config/yaml-source';

export interface CompiledRule {
  rule: Rule | null;
  problems: FileProblem[];
}

export function compileRule(raw: RawRule, at: KeyPath, source: YamlSource, categories: CategorySet): CompiledRule {
  const problems: FileProblem[] = [];
  const report = (path: KeyPath, message: string): void => void problems.push(problemAt(source, [...at, ...path], message));

  if (!categories.categories.has(raw.category)) {
    report(['category'], `unknown category "${raw.category}" (known: ${[...categories.categories.keys()].join(', ')})`);
  }
  if (raw.department !== undefined && !categories.departments.has(raw.department)) {
    report(['department'], `unknown department "${raw.department}" (known: ${[...categories.departments.keys()].join(', ')})`);
  }
  const compileList = (key: 'any' | 'all' | 'none'): Condition[] =>
    (raw[key] ?? []).flatMap((c, i) => {
      const result = compileCondition(c);
      if (typeof result === 'string') {
        report([key, i, c.regex === undefined ? 'keywords' : 'regex'], result);
        return [];
      }
      return [result];
    });
  const any = compileList('any');
  const all = compileList('all');
  const none = compileList('none');
  if (problems.length > 0) return { rule: null, problems };

  const examples = (key: 'examples' | 'counter_examples'): RuleExample[] =>
    raw[key].map((e, i) => Object.freeze({ input: exampleInput(e), line: source.lineOf([...at, key, i]) }));
  const rule: Rule = {
    id: raw.id,
    description: raw.description,
    category: raw.category,
    precedence: raw.precedence,
    priority: raw.priority ?? null,
    department: raw.department ?? null,
    deadlineDays: raw.deadline_days ?? null,
    any: Object.freeze(any),
    all: Object.freeze(all),
    none: Object.freeze(none),
    examples: Object.freeze(examples('examples')),
    counterExamples: Object.freeze(examples('counter_examples')),
    file: source.file,
    line: source.lineOf(at),
  };
  return { rule: Object.freeze(rule), problems };
}

/** A Condition, or the message explaining why it cannot be compiled. */
function compileCondition(raw: RawCondition): Condition | string {
  const field = raw.field;
  if (raw.regex !== undefined) {
    try {
      // Case-insensitive and Unicode-aware, as admins write "возврат" meaning any capitalisation.
      const matcher: Matcher = { kind: 'regex', regex: new RegExp(raw.regex, 'iu') };
      return Object.freeze({ field, matcher });
    } catch (err) {
      return `invalid regular expression: ${(err as Error).message}`;
    }
  }
  const keywords = raw.keywords ?? [];
  const matcher = field === 'from' || field === 'from_domain' ? compileValues(field, keywords) : compileTerms(keywords);
  return typeof matcher === 'string' ? matcher : Object.freeze({ field, matcher });
}

function compileValues(field: 'from' | 'from_domain', keywords: readonly string[]): Matcher | string {
  const values = keywords.map((k) => k.trim().toLowerCase());
  const bad = values.find((v) => /\s/.test(v) || (field === 'from' ? !v.includes('@') : v.includes('@')));
  if (bad !== undefined) {
    return field === 'from'
      ? `"${bad}" is not an email address (from matches whole addresses)`
      : `"${bad}" is not a domain (from_domain matches a domain such as example.com and its subdomains)`;
  }
  return { kind: 'values', values: Object.freeze(values) };
}

function compileTerms(keywords: readonly string[]): Matcher | string {
  const terms: Term[] = [];
  for (const text of keywords) {
    const term = compileTerm(text);
    if (typeof term === 'string') return term;
    terms.push(term);
  }
  return { kind: 'terms', terms: Object.freeze(terms) };
}

/** One keyword as rules write it (stems, `*` prefixes, phrases), or why it cannot be matched. */
export function compileTerm(text: string): Term | string {
  const parts = compileTermParts(text);
  return typeof parts === 'string' ? parts : Object.freeze({ text, parts: Object.freeze(parts) });
}

/** "вернуть деньг*" becomes [stem "вернут", prefix "деньг"]; the same tokenizer as messages use. */
function compileTermParts(text: string): TermPart[] | string {
  const parts: TermPart[] = [];
  for (const token of text.trim().split(/\s+/)) {
    const isPrefix = token.endsWith('*');
    const tokenWords = words(isPrefix ? token.slice(0, -1) : token);
    if (tokenWords.length === 0) return `keyword "${text}" has no letters or digits to match`;
    if (isPrefix && tokenWords.length > 1) return `keyword "${text}": a "*" prefix must follow a single word`;
    for (const w of tokenWords) {
      parts.push(isPrefix ? { kind: 'prefix', prefix: w } : { kind: 'stem', stem: stemWord(w) });
    }
  }
  return parts;
}

function exampleInput(e: RawExample): CategorizeInput {
  const headers: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(e.headers ?? {})) {
    headers[name.toLowerCase()] = Array.isArray(value) ? value : [value];
  }
  return Object.freeze({
    subject: e.subject ?? '',
    text: e.body ?? '',
    fromAddress: (e.from ?? '').trim().toLowerCase(),
    headers: Object.freeze(headers),
    attachmentNames: Object.freeze([...(e.attachments ?? [])]) as string[],
  });
}

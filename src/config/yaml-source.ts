// Parses an admin-edited YAML file (configuration, categories, rules) while keeping node positions,
// so that syntax errors and schema errors found later can both be reported at the line to fix.
import { LineCounter, isMap, isPair, isScalar, isSeq, parseDocument } from 'yaml';
import type { Document, Node } from 'yaml';
import type { z } from 'zod';

export type KeyPath = readonly PropertyKey[];

export interface FileProblem {
  file: string;
  /** 1-based; 0 when the problem is about the file or folder as a whole. */
  line: number;
  message: string;
}

export interface YamlSource {
  file: string;
  /** The plain data; null when the file has syntax errors (see `problems`). */
  data: unknown;
  /** YAML syntax errors and warnings (unknown tags, duplicate keys, several documents). */
  problems: FileProblem[];
  /** Line of the key (or list item) at `path`, or of its nearest existing ancestor. */
  lineOf(path: KeyPath): number;
  has(path: KeyPath): boolean;
}

export function readYaml(file: string, text: string): YamlSource {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const lineAt = (offset: number): number => lineCounter.linePos(offset).line;
  const problems = [...doc.errors, ...doc.warnings].map((e) => ({ file, line: lineAt(e.pos[0]), message: withHint(e.message) }));
  return {
    file,
    data: problems.length === 0 ? doc.toJS() : null,
    problems,
    lineOf: (path) => locate(doc, path, lineAt).line,
    has: (path) => locate(doc, path, lineAt).found,
  };
}

/** The commonest slip in hand-written YAML is an unquoted text with ": " in it; the parser's words hide that. */
function withHint(message: string): string {
  return message.startsWith('Nested mappings are not allowed')
    ? `${message} (a text containing ": " must be put in quotes)`
    : message;
}

function locate(doc: Document, path: KeyPath, lineAt: (offset: number) => number): { line: number; found: boolean } {
  let node: unknown = doc.contents;
  let line = isNode(node) && node.range ? lineAt(node.range[0]) : 1;
  for (const step of path) {
    const next = childOf(node, step);
    if (!next) return { line, found: false };
    line = lineAt(next.start);
    node = next.node;
  }
  return { line, found: true };
}

/** Where a child starts: the key of a map entry (where the admin looks), or the list item itself. */
function childOf(node: unknown, step: PropertyKey): { node: unknown; start: number } | null {
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isPair(pair) || !isScalar(pair.key) || String(pair.key.value) !== String(step)) continue;
      const start = pair.key.range?.[0];
      return start === undefined ? null : { node: pair.value, start };
    }
    return null;
  }
  if (isSeq(node) && typeof step === 'number') {
    const item = node.items[step];
    const start = isNode(item) ? item.range?.[0] : undefined;
    return start === undefined ? null : { node: item, start };
  }
  return null;
}

function isNode(value: unknown): value is Node {
  return isMap(value) || isSeq(value) || isScalar(value);
}

/**
 * Turns schema issues into located problems, naming the key path as well as the line. `at` is where
 * the validated value sits in the file, when only a part of it was validated.
 */
export function schemaProblems(source: YamlSource, error: z.ZodError, at: KeyPath = []): FileProblem[] {
  return error.issues.flatMap((issue) => {
    const path = [...at, ...issue.path];
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => problemAt(source, [...path, key], `unknown key "${key}"`));
    }
    const last = path[path.length - 1];
    if (path.length > 0 && !source.has(path) && typeof last === 'string') {
      return [problemAt(source, path.slice(0, -1), `missing required key "${last}"`)];
    }
    return [problemAt(source, path, issue.message)];
  });
}

export function problemAt(source: YamlSource, path: KeyPath, message: string): FileProblem {
  const where = formatPath(path);
  return { file: source.file, line: source.lineOf(path), message: where ? `${where}: ${message}` : message };
}

/** `rules[0].any[1].regex`, the spelling an admin can follow down the file. */
export function formatPath(path: KeyPath): string {
  return path
    .map((step, i) => (typeof step === 'number' ? `[${step}]` : i === 0 ? String(step) : `.${String(step)}`))
    .join('');
}

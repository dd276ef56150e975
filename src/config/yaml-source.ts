// A parsed YAML file that remembers where each key was written, so that a validation error can
// name the line a person must fix.
import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument, isMap, type Document } from 'yaml';
import { ConfigError, type ConfigProblem } from './errors';

export interface YamlSource {
  file: string;
  value: unknown;
  lineOf(path: ReadonlyArray<string | number>): number | null;
}

export function readYamlSource(file: string): YamlSource {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError([{ source: file, keyPath: '', line: null, message: `cannot read: ${(err as Error).message}` }]);
  }
  return parseYamlSource(file, text);
}

export function parseYamlSource(file: string, text: string): YamlSource {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const problems: ConfigProblem[] = doc.errors.map((e) => ({
      source: file,
      keyPath: '',
      line: lineCounter.linePos(e.pos[0]).line,
      message: `YAML: ${e.message.split('\n')[0]}`,
    }));
    throw new ConfigError(problems);
  }
  const value: unknown = doc.contents === null ? {} : doc.toJS();
  return { file, value, lineOf: (path) => lineOfPath(doc, lineCounter, path) };
}

function lineOfPath(doc: Document, lines: LineCounter, path: ReadonlyArray<string | number>): number | null {
  // Walk down as far as the path exists: an error about a missing child is reported at its parent.
  for (let depth = path.length; depth >= 0; depth--) {
    const sub = path.slice(0, depth);
    const node = sub.length === 0 ? doc.contents : doc.getIn(sub, true);
    const range = keyRange(doc, sub) ?? (node as { range?: [number, number, number] } | null)?.range;
    if (range) return lines.linePos(range[0]).line;
  }
  return null;
}

/** The key's own position reads better than its value's (which may start on the next line). */
function keyRange(doc: Document, path: ReadonlyArray<string | number>): [number, number, number] | undefined {
  if (path.length === 0) return undefined;
  const parent = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1), true);
  if (!isMap(parent)) return undefined;
  const pair = parent.items.find((p) => (p.key as { value?: unknown } | null)?.value === path[path.length - 1]);
  return (pair?.key as { range?: [number, number, number] } | undefined)?.range;
}

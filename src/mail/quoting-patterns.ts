// The patterns that tell a client's new words from quoted history and signatures, loaded from
// config/quoting/*.yaml so an admin can teach the daemon a new mail client without a release.
// All files are validated together and used whole, or not at all.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { packageRoot } from '../config/package-root';
import { problemAt, readYaml, schemaProblems } from '../config/yaml-source';
import type { FileProblem, KeyPath, YamlSource } from '../config/yaml-source';
import { words } from '../text/tokenize';
import { QuotingPatternError } from './quoting-pattern-error';
import { HEADER_ROLES, LINE_PATTERN_KEYS, htmlMarkerSchema, linePatternSchema, quotingFileSchema } from './quoting-schema';
import type { HeaderRole, HtmlMarkerKind, LinePatternKey, QuotingFile } from './quoting-schema';
import { selectorProblem } from './reply-html';
import { normalizeLine } from './reply-lines';

export type { HeaderRole, HtmlMarkerKind };

export interface LinePattern {
  /** Anchored, case-insensitive: it matches a whole normalized line. */
  readonly regex: RegExp;
  readonly file: string;
  readonly line: number;
}

export interface SignatureSeparator extends LinePattern {
  /** A weak rule ("-----") starts a signature only above contact details. */
  readonly requiresContact: boolean;
}

export interface HtmlMarker {
  readonly selector: string;
  readonly kind: HtmlMarkerKind;
}

export interface ThanksPatterns {
  readonly maxLength: number;
  /** Each phrase as its words, lower-cased ("thank you" -> ["thank", "you"]). */
  readonly phrases: readonly (readonly string[])[];
  readonly extras: readonly (readonly string[])[];
}

export interface QuotingPatterns {
  readonly files: readonly string[];
  readonly attribution: readonly LinePattern[];
  readonly separators: readonly LinePattern[];
  /** Header field name, lower-cased ("отправлено") -> what it names. */
  readonly headerFields: ReadonlyMap<string, HeaderRole>;
  readonly signatureSeparators: readonly SignatureSeparator[];
  readonly signOffs: readonly LinePattern[];
  readonly mobileSignatures: readonly LinePattern[];
  readonly htmlMarkers: readonly HtmlMarker[];
  readonly thanks: ThanksPatterns;
}

export interface QuotingFileText {
  file: string;
  text: string;
}

export function defaultQuotingDir(): string {
  return path.join(packageRoot(), 'config', 'quoting');
}

/** The shipped patterns, for tests, benchmarks and tools that run without a configuration. */
export function loadDefaultQuotingPatterns(): QuotingPatterns {
  return loadQuotingPatterns(defaultQuotingDir());
}

export function loadQuotingPatterns(dir: string): QuotingPatterns {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => /\.ya?ml$/i.test(n) && !n.startsWith('.')).sort();
  } catch (err) {
    throw new QuotingPatternError([{ file: dir, line: 0, message: `cannot read quoting folder: ${(err as Error).message}` }]);
  }
  if (names.length === 0) throw new QuotingPatternError([{ file: dir, line: 0, message: 'no quoting pattern files (*.yaml) in the folder' }]);
  const problems: FileProblem[] = [];
  const files: QuotingFileText[] = [];
  for (const name of names) {
    const file = path.join(dir, name);
    try {
      files.push({ file, text: readFileSync(file, 'utf8') });
    } catch (err) {
      problems.push({ file, line: 0, message: `cannot read quoting file: ${(err as Error).message}` });
    }
  }
  if (problems.length > 0) throw new QuotingPatternError(problems);
  return buildQuotingPatterns(files);
}

interface Collected {
  linePatterns: Record<LinePatternKey, SignatureSeparator[]>;
  headerFields: Map<string, { role: HeaderRole; at: string }>;
  htmlMarkers: HtmlMarker[];
  maxLength: { value: number; at: string } | null;
  phrases: string[][];
  extras: string[][];
}

/** Pure: validates and compiles pattern files; throws QuotingPatternError listing every problem. */
export function buildQuotingPatterns(files: readonly QuotingFileText[]): QuotingPatterns {
  const problems: FileProblem[] = [];
  const collected: Collected = {
    linePatterns: { attribution: [], separators: [], signature_separators: [], sign_offs: [], mobile_signatures: [] },
    headerFields: new Map(),
    htmlMarkers: [],
    maxLength: null,
    phrases: [],
    extras: [],
  };
  for (const { file, text } of files) {
    const source = readYaml(file, text);
    problems.push(...source.problems);
    if (source.problems.length > 0) continue;
    // A file with only comments is a file with no patterns yet, not an error.
    const parsed = quotingFileSchema.safeParse(source.data ?? {});
    if (!parsed.success) problems.push(...schemaProblems(source, parsed.error));
    // A mistyped key aside, the rest of the file is still checked: one typo hides no other problem.
    const known = parsed.success ? parsed : quotingFileSchema.strip().safeParse(source.data ?? {});
    if (known.success) problems.push(...collectFile(known.data, source, collected));
  }
  // A file with errors may be the one that sets it; say so only when nothing else is wrong.
  if (collected.maxLength === null && problems.length === 0) {
    problems.push({ file: files[0]?.file ?? 'config/quoting', line: 0, message: 'thanks.max_length must be set in one quoting file' });
  }
  if (problems.length > 0) throw new QuotingPatternError(problems);
  const { linePatterns: lp } = collected;
  return Object.freeze({
    files: Object.freeze(files.map((f) => f.file)),
    attribution: Object.freeze(lp.attribution),
    separators: Object.freeze(lp.separators),
    headerFields: new Map([...collected.headerFields].map(([name, { role }]) => [name, role])),
    signatureSeparators: Object.freeze(lp.signature_separators),
    signOffs: Object.freeze(lp.sign_offs),
    mobileSignatures: Object.freeze(lp.mobile_signatures),
    htmlMarkers: Object.freeze(collected.htmlMarkers),
    thanks: Object.freeze({
      maxLength: collected.maxLength?.value ?? 0,
      phrases: Object.freeze(collected.phrases),
      extras: Object.freeze(collected.extras),
    }),
  });
}

function collectFile(data: QuotingFile, source: YamlSource, into: Collected): FileProblem[] {
  const problems: FileProblem[] = [];
  const report = (at: KeyPath, message: string): void => void problems.push(problemAt(source, at, message));
  const where = (at: KeyPath): string => `${source.file}:${source.lineOf(at)}`;

  const validItems = <T>(key: LinePatternKey | 'html_markers', schema: z.ZodType<T>): Array<{ item: T; at: KeyPath }> =>
    (data[key] ?? []).flatMap((raw, i) => {
      const result = schema.safeParse(raw);
      if (result.success) return [{ item: result.data, at: [key, i] }];
      problems.push(...schemaProblems(source, result.error, [key, i]));
      return [];
    });

  for (const key of LINE_PATTERN_KEYS) {
    for (const { item, at } of validItems(key, linePatternSchema)) {
      if (item.requires_contact !== undefined && key !== 'signature_separators') {
        report([...at, 'requires_contact'], 'requires_contact is only for signature_separators');
        continue;
      }
      const compiled = compileLinePattern(item.regex, item.example);
      if (typeof compiled === 'string') {
        report([...at, 'regex'], compiled);
        continue;
      }
      into.linePatterns[key].push(Object.freeze({ regex: compiled, file: source.file, line: source.lineOf(at), requiresContact: item.requires_contact === true }));
    }
  }
  for (const role of HEADER_ROLES) {
    (data.header_fields?.[role] ?? []).forEach((name, i) => {
      const at = ['header_fields', role, i];
      const key = normalizeLine(name).toLowerCase();
      const earlier = into.headerFields.get(key);
      if (earlier && earlier.role !== role) return report(at, `header field "${name}" is already a "${earlier.role}" field (${earlier.at})`);
      if (!earlier) into.headerFields.set(key, { role, at: where(at) });
    });
  }
  for (const { item, at } of validItems('html_markers', htmlMarkerSchema)) {
    const problem = selectorProblem(item.selector);
    if (problem) report([...at, 'selector'], problem);
    else into.htmlMarkers.push(Object.freeze({ selector: item.selector, kind: item.kind }));
  }
  const thanks = data.thanks;
  if (thanks?.max_length !== undefined) {
    if (into.maxLength) report(['thanks', 'max_length'], `thanks.max_length is already set (${into.maxLength.at}); set it in one file only`);
    else into.maxLength = { value: thanks.max_length, at: where(['thanks', 'max_length']) };
  }
  for (const key of ['phrases', 'extras'] as const) {
    (thanks?.[key] ?? []).forEach((phrase, i) => {
      const phraseWords = words(phrase);
      if (phraseWords.length === 0) return report(['thanks', key, i], `"${phrase}" has no letters or digits to match`);
      into[key].push(phraseWords);
    });
  }
  return problems;
}

/** The compiled pattern, or why it cannot be used. */
function compileLinePattern(source: string, example: string): RegExp | string {
  let regex: RegExp;
  try {
    // Anchored: an admin writes the line, not a fragment that could match inside a sentence.
    regex = new RegExp(`^(?:${source})$`, 'iu');
  } catch (err) {
    return `invalid regular expression: ${(err as Error).message}`;
  }
  if (!regex.test(normalizeLine(example))) return `does not match its example "${example}"`;
  return regex;
}

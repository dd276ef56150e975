// A validated, compiled and frozen set of rules: what the matcher reads. Keyword stems and regular
// expressions are prepared once at load time, so matching a message only stems the message.
import type { CasePriority } from './case-priority';
import type { CategorySet } from './categories';
import type { CategorizeInput } from './verdict';

/** One word of a keyword: its stem, or (written with a trailing `*`) a prefix of the word itself. */
export type TermPart = { kind: 'stem'; stem: string } | { kind: 'prefix'; prefix: string };

/** A keyword as written, with its parts; several parts must appear adjacent and in order. */
export interface Term {
  readonly text: string;
  readonly parts: readonly TermPart[];
}

export type Matcher =
  /** Stem matching on words: subject, body, text, headers, attachment names. */
  | { readonly kind: 'terms'; readonly terms: readonly Term[] }
  /** Whole-value matching: a from address, or a from domain (which also matches its subdomains). */
  | { readonly kind: 'values'; readonly values: readonly string[] }
  | { readonly kind: 'regex'; readonly regex: RegExp };

export interface Condition {
  /** As written in the file, e.g. "text" or "header:X-Mailer". */
  readonly field: string;
  readonly matcher: Matcher;
}

export interface RuleExample {
  readonly input: CategorizeInput;
  readonly line: number;
}

export interface Rule {
  readonly id: string;
  readonly description: string;
  readonly category: string;
  /** Higher is tried first; equal precedence keeps load order (file name order, then order in file). */
  readonly precedence: number;
  /** Overrides of the category defaults; null keeps the default. */
  readonly priority: CasePriority | null;
  readonly department: string | null;
  readonly deadlineDays: number | null;
  readonly any: readonly Condition[];
  readonly all: readonly Condition[];
  readonly none: readonly Condition[];
  readonly examples: readonly RuleExample[];
  readonly counterExamples: readonly RuleExample[];
  readonly file: string;
  readonly line: number;
}

export interface RuleSet {
  /** In evaluation order: precedence descending, then load order. */
  readonly rules: readonly Rule[];
  readonly categories: CategorySet;
  /** The files the rules came from, in load order. */
  readonly files: readonly string[];
}

// Every expectation of the three reply corpora copied under test/fixtures/replies/, each compared
// with what splitReply gives, the way that source's PROVENANCE.md says. Shared by the fixture test
// and `npm run bench:replies`, so the figure the test asserts is the figure the bench prints.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { convert } from 'html-to-text';
import { simpleParser } from 'mailparser';
import type { QuotingPatterns } from '../../src/mail/quoting-patterns';
import { splitReply } from '../../src/mail/reply-text';
import type { ReplySplit } from '../../src/mail/reply-text';

export const REPLY_FIXTURES = path.join(__dirname, '../fixtures/replies');

/**
 * The Russian and Ukrainian fixtures the corpus SOURCES.md names. Three more it names (crisp
 * email_russian, willdurand email_23 and email_23_1) are not in this copy of the corpus.
 */
export const RUSSIAN_AND_UKRAINIAN = [
  'discourse-email_reply_trimmer/embedded_email_russian_1',
  'discourse-email_reply_trimmer/embedded_email_russian_2',
  'discourse-email_reply_trimmer/embedded_email_ukrainian',
  'mailgun-talon/html_replies/mail_ru.html',
  'mailgun-talon/html_replies/windows_mail.html',
  'mailgun-talon/html_replies/yandex_ru.html',
] as const;

export interface ReplyBody {
  text: string;
  html: string | null;
}

export interface Expectation {
  source: string;
  /** The fixture, as `<source>/<name>`; one fixture can carry several expectations. */
  fixture: string;
  /** The fixture and what is expected of it, e.g. "…/embedded_email_1 trimmed". */
  name: string;
  body: ReplyBody;
  /** True when `split` meets the expectation. */
  isMet(split: ReplySplit): boolean;
  /** Signature fixtures are about the signature itself, so moving it into the text cannot help. */
  isAboutSignature?: boolean;
}

export interface Outcome {
  expectation: Expectation;
  split: ReplySplit;
  /** Our text against the expectation. */
  strict: boolean;
  /** The same with our signature read as part of the text (the sources disagree where it belongs). */
  tolerant: boolean;
}

export async function loadExpectations(dir: string = REPLY_FIXTURES): Promise<Expectation[]> {
  return [...discourseExpectations(dir), ...githubExpectations(dir), ...(await talonExpectations(dir))];
}

export function judge(expectations: readonly Expectation[], patterns: QuotingPatterns): Outcome[] {
  return expectations.map((expectation) => {
    const split = splitReply(expectation.body, patterns);
    const strict = expectation.isMet(split);
    const asText = { text: `${split.text}\n${split.signature}`, quote: split.quote, signature: '' };
    const tolerant = strict || (!expectation.isAboutSignature && expectation.isMet(asText));
    return { expectation, split, strict, tolerant };
  });
}

/** Runs of whitespace as one space, ends trimmed: "whitespace aside", as the sources compare. */
export function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

const noWhitespace = (text: string): string => text.replace(/\s+/g, '');
const read = (file: string): string => readFileSync(file, 'utf8');

function discourseExpectations(dir: string): Expectation[] {
  const source = 'discourse-email_reply_trimmer';
  const root = path.join(dir, source);
  return readdirSync(path.join(root, 'emails'))
    .filter((n) => n.endsWith('.txt'))
    .sort()
    .flatMap((file) => {
      const fixture = `${source}/${file.replace(/\.txt$/, '')}`;
      const body = { text: read(path.join(root, 'emails', file)), html: null };
      const expected = (kind: string): string | null => {
        const f = path.join(root, kind, file);
        return existsSync(f) ? read(f) : null;
      };
      const found: Expectation[] = [];
      const add = (kind: string, isMet: (s: ReplySplit) => boolean): void => void found.push({ source, fixture, name: `${fixture} ${kind}`, body, isMet });
      const trimmed = expected('trimmed');
      if (trimmed !== null) add('trimmed', (s) => collapse(s.text) === collapse(trimmed));
      const elided = expected('elided');
      if (elided !== null) {
        add('elided', (s) => [`${s.signature} ${s.quote}`, `${s.quote} ${s.signature}`].some((t) => collapse(t) === collapse(elided)));
      }
      const embedded = expected('embedded');
      if (embedded !== null) add('embedded', (s) => collapse(s.quote).endsWith(collapse(embedded)));
      return found;
    });
}

interface GithubExpect {
  visible_text?: string;
  visible_text_trimmed?: string;
  first_fragment?: string;
  first_fragment_trimmed?: string;
  fragment_count?: number;
  quoted_flags?: boolean[];
  hidden_flags?: boolean[];
  signature_flags?: boolean[];
  fragment_regex?: Record<string, Array<{ regex: string; should_match: boolean }>>;
}

function githubExpectations(dir: string): Expectation[] {
  const source = 'github-email_reply_parser';
  const root = path.join(dir, source);
  const all = JSON.parse(read(path.join(root, 'EXPECTED.json'))) as Record<string, { expect: GithubExpect }>;
  const flagsFile = path.join(root, 'FLAGS.json');
  const flags = (existsSync(flagsFile) ? JSON.parse(read(flagsFile)) : {}) as Record<string, GithubExpect>;
  return Object.entries(all)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([file, { expect }]) => {
      const fixture = `${source}/${file.replace(/\.txt$/, '')}`;
      const withFlags = { ...flags[file], ...expect };
      return { source, fixture, name: `${fixture} fragments`, body: { text: read(path.join(root, file)), html: null }, isMet: (s: ReplySplit) => meetsGithub(withFlags, s) };
    });
}

function meetsGithub(expect: GithubExpect, split: ReplySplit): boolean {
  const texts = [expect.visible_text, expect.visible_text_trimmed, expect.first_fragment, expect.first_fragment_trimmed];
  if (texts.some((t) => t !== undefined && collapse(t) !== collapse(split.text))) return false;
  if (expect.fragment_count === 1 && (split.quote !== '' || split.signature !== '')) return false;
  if ((expect.fragment_count ?? 0) > 1 && split.quote === '' && split.signature === '') return false;
  return Object.entries(expect.fragment_regex ?? {}).every(([index, regexes]) => {
    const i = Number(index);
    const roles = fragmentRoles(expect, i);
    // Ruby's ^ is a line start; so is ours with the m flag.
    return regexes.every(({ regex, should_match }) => roles.some((role) => matchesRole(new RegExp(regex, 'm'), role, split)) === should_match);
  });
}

type Role = 'text' | 'quote' | 'signature';

/** Where fragment i belongs among our parts: by its flags, else the first is the reply and later ones are hidden. */
function fragmentRoles(expect: GithubExpect, i: number): Role[] {
  if (!expect.quoted_flags && !expect.hidden_flags && !expect.signature_flags) return i === 0 ? ['text'] : ['quote', 'signature'];
  if (expect.signature_flags?.[i]) return ['signature'];
  return expect.quoted_flags?.[i] || expect.hidden_flags?.[i] ? ['quote'] : ['text'];
}

function matchesRole(regex: RegExp, role: Role, split: ReplySplit): boolean {
  if (role === 'signature') return regex.test(split.signature);
  if (role === 'text') return regex.test(split.text);
  const quotedInText = split.text
    .split('\n')
    .filter((l) => /^\s*>/.test(l))
    .map((l) => l.replace(/^(\s*>)+\s?/, ''))
    .join('\n');
  return regex.test(split.quote) || regex.test(quotedInText);
}

interface TalonExpect {
  /** A description instead of a value (the share-block fixture): checked as the description says. */
  expected?: string;
  expected_reply_text?: string;
  expected_reply_html?: string;
  expected_signature_file?: string;
}

async function talonExpectations(dir: string): Promise<Expectation[]> {
  const source = 'mailgun-talon';
  const root = path.join(dir, source);
  const all = JSON.parse(read(path.join(root, 'EXPECTED.json'))) as Record<string, TalonExpect>;
  const found: Expectation[] = [];
  for (const [file, expect] of Object.entries(all).sort(([a], [b]) => (a < b ? -1 : 1))) {
    const fixture = `${source}/${file}`;
    const add = (body: ReplyBody, isMet: (s: ReplySplit) => boolean, isAboutSignature = false): void =>
      void found.push({ source, fixture, name: fixture, body, isMet, isAboutSignature });
    const full = path.join(root, file);
    if (file.endsWith('.eml')) {
      const body = { text: await firstTextPart(full), html: null };
      if (expect.expected !== undefined) {
        add(body, (s) => s.text.trim() !== '' && !s.text.includes('From'));
      } else {
        const replyFile = full.replace(/\.eml$/, '_reply_text');
        const expected = existsSync(replyFile) ? read(replyFile) : (expect.expected_reply_text ?? 'Hello');
        add(body, (s) => collapse(s.text) === collapse(expected));
      }
    } else if (file.endsWith('.html')) {
      const expected = expect.expected_reply_html !== undefined ? convert(expect.expected_reply_html) : (expect.expected_reply_text ?? '');
      add({ text: '', html: read(full) }, (s) => noWhitespace(s.text) === noWhitespace(expected));
    } else if (expect.expected_signature_file !== undefined) {
      const body = read(full).trim();
      const signature = read(path.join(root, expect.expected_signature_file)).trim();
      const text = signature !== '' && body.endsWith(signature) ? body.slice(0, -signature.length) : body;
      add({ text: body, html: null }, (s) => collapse(s.signature) === collapse(signature) && collapse(s.text) === collapse(text), true);
    }
  }
  return found;
}

async function firstTextPart(file: string): Promise<string> {
  const mail = await simpleParser(readFileSync(file));
  return mail.text ?? '';
}

// The parts of a message that conditions look at, each tokenized and stemmed at most once per message
// however many rules ask about it: this is what keeps matching cheap as the rule set grows.
import { stemWord } from '../text/stem';
import { words } from '../text/tokenize';
import type { CategorizeInput } from './verdict';

interface Tokens {
  words: string[];
  stems: string[];
  byStem: Map<string, number[]>;
  byWord: Map<string, number[]>;
}

/** One searchable piece of text: the subject, the body, one header value or one attachment name. */
export class Segment {
  private tokens: Tokens | null = null;

  /** `where` names the piece in evidence, e.g. "body" or "header:X-Mailer". */
  constructor(
    readonly where: string,
    readonly raw: string,
    private readonly stem: (word: string) => string,
  ) {}

  get words(): readonly string[] {
    return this.tokenized().words;
  }

  get stems(): readonly string[] {
    return this.tokenized().stems;
  }

  /** Positions of a stem, in order; empty when absent. */
  positionsOf(stem: string): readonly number[] {
    return this.tokenized().byStem.get(stem) ?? [];
  }

  /** Positions of words starting with `prefix`, in order: scans distinct words, not every token. */
  positionsOfPrefix(prefix: string): number[] {
    const positions: number[] = [];
    for (const [word, at] of this.tokenized().byWord) {
      if (word.startsWith(prefix)) positions.push(...at);
    }
    return positions.sort((a, b) => a - b);
  }

  private tokenized(): Tokens {
    if (this.tokens) return this.tokens;
    const ws = words(this.raw);
    const ss = ws.map(this.stem);
    this.tokens = { words: ws, stems: ss, byStem: indexOf(ss), byWord: indexOf(ws) };
    return this.tokens;
  }
}

function indexOf(tokens: readonly string[]): Map<string, number[]> {
  const index = new Map<string, number[]>();
  tokens.forEach((token, i) => {
    const list = index.get(token);
    if (list) list.push(i);
    else index.set(token, [i]);
  });
  return index;
}

export class MessageView {
  private readonly cache = new Map<string, readonly Segment[]>();
  // Stemming is most of the cost of matching, and letters repeat their words.
  private readonly stemCache = new Map<string, string>();
  private readonly stem = (word: string): string => {
    let found = this.stemCache.get(word);
    if (found === undefined) {
      found = stemWord(word);
      this.stemCache.set(word, found);
    }
    return found;
  };

  constructor(private readonly input: CategorizeInput) {}

  /** The segments of a rule field; "text" is subject and body kept apart, so a phrase cannot span them. */
  segments(field: string): readonly Segment[] {
    const key = field.toLowerCase();
    let found = this.cache.get(key);
    if (!found) {
      found = this.build(field, key);
      this.cache.set(key, found);
    }
    return found;
  }

  private build(field: string, key: string): Segment[] {
    const { input } = this;
    if (key === 'subject') return [this.segment('subject', input.subject)];
    if (key === 'body') return [this.segment('body', input.text)];
    if (key === 'text') return [...this.segments('subject'), ...this.segments('body')];
    if (key === 'from') return [this.segment('from', fromAddressOf(input))];
    if (key === 'from_domain') return [this.segment('from_domain', domainOf(fromAddressOf(input)))];
    if (key === 'attachment') return input.attachmentNames.map((name) => this.segment('attachment', name));
    if (key.startsWith('header:')) {
      return (input.headers[key.slice('header:'.length)] ?? []).map((value) => this.segment(field, value));
    }
    return [];
  }

  private segment(where: string, raw: string): Segment {
    return new Segment(where, raw, this.stem);
  }
}

function fromAddressOf(input: CategorizeInput): string {
  return input.fromAddress.trim().toLowerCase();
}

export function domainOf(address: string): string {
  const at = address.lastIndexOf('@');
  return at < 0 ? '' : address.slice(at + 1).replace(/\.$/, '');
}

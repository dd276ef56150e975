import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadDefaultQuotingPatterns } from '../../../src/mail/quoting-patterns';
import { splitReply } from '../../../src/mail/reply-text';
import { REPLY_FIXTURES, RUSSIAN_AND_UKRAINIAN, collapse, judge, loadExpectations } from '../../support/reply-fixtures';
import type { Outcome } from '../../support/reply-fixtures';

// The bar is on the strict count (our text against the source's); bench:replies prints both counts.
const MIN_STRICT_SHARE = 0.85;

describe('reply text on the discourse, talon and email_reply_parser fixtures', () => {
  const patterns = loadDefaultQuotingPatterns();
  let outcomes: Outcome[] = [];

  before(async () => {
    outcomes = judge(await loadExpectations(), patterns);
  });

  it('meets at least 85 % of the expectations, our text compared strictly with theirs', () => {
    const met = outcomes.filter((o) => o.strict).length;
    const failed = outcomes.filter((o) => !o.strict).map((o) => o.expectation.name);
    expect(met / outcomes.length, `${met} of ${outcomes.length} met; not met: ${failed.join(', ')}`).to.be.at.least(MIN_STRICT_SHARE);
  });

  it('meets every expectation of every Russian and Ukrainian fixture', () => {
    for (const fixture of RUSSIAN_AND_UKRAINIAN) {
      const own = outcomes.filter((o) => o.expectation.fixture === fixture);
      expect(own, `${fixture} has no expectations`).to.not.be.empty;
      for (const o of own) expect(o.strict, `${o.expectation.name}: ${JSON.stringify(o.split)}`).to.equal(true);
    }
  });

  it('never loses a line: the text, signature and quote of every plain-text fixture hold all its words', () => {
    for (const { expectation, split } of outcomes) {
      if (expectation.body.html !== null) continue;
      const kept = collapse(`${split.text} ${split.signature} ${split.quote}`);
      for (const line of expectation.body.text.split(/\r?\n/)) expect(kept, expectation.name).to.include(collapse(line));
    }
  });

  it('splits the pathological and the 750 kB fixtures in well under a second each', () => {
    for (const name of ['pathological.txt', 'email_long_quote.txt']) {
      const text = readFileSync(path.join(REPLY_FIXTURES, 'github-email_reply_parser', name), 'utf8');
      const started = performance.now();
      splitReply({ text, html: null }, patterns);
      expect(performance.now() - started, name).to.be.below(500);
    }
  });
});

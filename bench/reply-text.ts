// How well splitReply meets the expectations of the public reply corpora: per source and overall,
// counted strictly (our text against theirs) and signature-tolerant (our signature read as text),
// the Russian and Ukrainian fixtures one by one, and the names of the expectations not met. JSON on
// stdout for tracking; a readable summary on stderr. The fixture test asserts the strict count.
// Usage: npm run bench:replies -- [--data DIR] [--quoting DIR]
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Command } from 'commander';
import { defaultQuotingDir, loadQuotingPatterns } from '../src/mail/quoting-patterns';
import { REPLY_FIXTURES, RUSSIAN_AND_UKRAINIAN, judge, loadExpectations } from '../test/support/reply-fixtures';
import type { Outcome } from '../test/support/reply-fixtures';

const NOT_IN_CORPUS = ['crisp email_russian', 'willdurand email_23', 'willdurand email_23_1'];

function tally(outcomes: readonly Outcome[]) {
  const passed = outcomes.filter((o) => o.strict).length;
  const tolerantPassed = outcomes.filter((o) => o.tolerant).length;
  const rate = (n: number) => (outcomes.length === 0 ? null : Number((n / outcomes.length).toFixed(4)));
  return { passed, total: outcomes.length, rate: rate(passed), tolerantPassed, tolerantRate: rate(tolerantPassed) };
}

async function main(argv: string[]): Promise<void> {
  const program = new Command()
    .option('--data <dir>', 'folder with one sub-folder per source, laid out as test/fixtures/replies', REPLY_FIXTURES)
    .option('--quoting <dir>', 'quoting pattern folder', defaultQuotingDir())
    .parse(argv);
  const opts = program.opts<{ data: string; quoting: string }>();
  const patterns = loadQuotingPatterns(path.resolve(opts.quoting));
  const expectations = await loadExpectations(path.resolve(opts.data));
  const started = performance.now();
  const outcomes = judge(expectations, patterns);
  const msPerExpectation = (performance.now() - started) / Math.max(1, outcomes.length);

  const sources = [...new Set(outcomes.map((o) => o.expectation.source))].map((source) => ({
    source,
    ...tally(outcomes.filter((o) => o.expectation.source === source)),
  }));
  const russian = outcomes.filter((o) => (RUSSIAN_AND_UKRAINIAN as readonly string[]).includes(o.expectation.fixture));
  const verdict = (ok: boolean) => (ok ? 'pass' : 'fail');
  const result = {
    data: opts.data,
    quoting: opts.quoting,
    asserted: 'strict',
    sources,
    overall: tally(outcomes),
    russianUkrainian: {
      ...tally(russian),
      expectations: russian.map((o) => ({ name: o.expectation.name, strict: verdict(o.strict), tolerant: verdict(o.tolerant) })),
      fixturesMissing: RUSSIAN_AND_UKRAINIAN.filter((f) => !russian.some((o) => o.expectation.fixture === f)),
      notInCorpus: NOT_IN_CORPUS,
    },
    failures: outcomes.filter((o) => !o.strict).map((o) => ({ name: o.expectation.name, tolerant: verdict(o.tolerant) })),
    msPerExpectation: Number(msPerExpectation.toFixed(3)),
  };
  const percent = (x: number | null) => (x === null ? '-' : `${(x * 100).toFixed(1)} %`);
  for (const s of [...sources, { source: 'overall', ...result.overall }, { source: 'ru/uk', ...result.russianUkrainian }]) {
    process.stderr.write(`${s.source}: ${s.passed}/${s.total} strict (${percent(s.rate)}), ${s.tolerantPassed}/${s.total} signature-tolerant (${percent(s.tolerantRate)})\n`);
  }
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

main(process.argv).catch((err) => {
  process.stderr.write(`bench:replies: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});

// Makes the small labelled samples kept in test/fixtures/classifier/: up to N texts per label, drawn
// with a fixed seed, so the fixture can be rebuilt from the corpus and its provenance checked.
// Usage: npx tsx bench/lib/stratified-sample.ts --csv IN --per-label N [--seed 7] > OUT.csv
import { Command } from 'commander';
import { readLabelledCsv } from '../../src/classifier/labelled-csv';
import { seededRandom, shuffleInPlace } from '../../src/classifier/seeded-random';

function csvField(value: string): string {
  return `"${value.replace(/"/g, '""')}"`;
}

async function main(argv: string[]): Promise<void> {
  const opts = new Command()
    .requiredOption('--csv <file>', 'labelled CSV with label and text columns')
    .requiredOption('--per-label <n>', 'most texts to keep per label')
    .option('--seed <n>', 'shuffling seed', '7')
    .parse(argv)
    .opts<{ csv: string; perLabel: string; seed: string }>();
  const { examples } = await readLabelledCsv(opts.csv);
  const random = seededRandom(Number(opts.seed));
  const labels = [...new Set(examples.map((e) => e.label))].sort();
  const lines = ['label,text'];
  for (const label of labels) {
    const drawn = shuffleInPlace(examples.filter((e) => e.label === label), random).slice(0, Number(opts.perLabel));
    for (const e of drawn) lines.push(`${csvField(e.label)},${csvField(e.text)}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

main(process.argv).catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});

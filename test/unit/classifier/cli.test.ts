import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { Command } from 'commander';
import { registerClassifierCommands } from '../../../src/classifier/cli';
import type { LabelledText } from '../../../src/classifier/category-predictor';
import { sample } from './samples';

function csvOf(rows: LabelledText[], textColumn = 'text', labelColumn = 'label'): string {
  const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
  return [`${labelColumn},${textColumn}`, ...rows.map((r) => `${quote(r.label)},${quote(r.text)}`)].join('\r\n');
}

describe('classifier commands', () => {
  let dir: string;
  let csv: string;
  let examples: LabelledText[];
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'complaintd-classifier-cli-'));
    const ru = await sample('spb-appeals-ru-sample');
    examples = ru.filter((e) => ['Кровля', 'Водоснабжение', 'Фасад'].includes(e.label));
    csv = join(dir, 'labelled.csv');
    await writeFile(csv, csvOf(examples, 'body', 'cause'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  async function run(args: string[], store?: () => Promise<LabelledText[]>): Promise<{ out: string; err: string }> {
    let out = '';
    let err = '';
    const program = new Command('complaintd').exitOverride();
    program.configureOutput({ writeOut: (s) => (out += s), writeErr: (s) => (err += s) });
    registerClassifierCommands(program, async () => ({ modelPath: join(dir, 'var', 'model.json') }), store);
    await program.parseAsync(['node', 'complaintd', ...args]);
    return { out, err };
  }

  it('says there is no model before the first training', async () => {
    expect((await run(['classifier', 'info'])).out).to.match(/^no model at .*model\.json/);
  });

  it('trains from the named CSV columns, stores the model and describes it', async () => {
    const trained = await run(['classifier', 'train', '--csv', csv, '--text-col', 'body', '--label-col', 'cause']);
    expect(trained.out).to.match(/trained on 120 texts .*: 3 categories, \d+ features/);
    const info = (await run(['classifier', 'info'])).out;
    expect(info).to.match(/examples\s+120/);
    expect(info).to.match(/categories 3:\n\s+40\s+Водоснабжение/);
  });

  it('trains from confirmed cases when no CSV is given', async () => {
    const trained = await run(['classifier', 'train'], async () => examples.slice(0, 80));
    expect(trained.out).to.match(/trained on 80 texts from cases with a confirmed category: 2 categories/);
  });

  it('refuses to train with neither a CSV nor a case store', async () => {
    const failure = await run(['classifier', 'train']).then(() => null, (e: unknown) => e);
    expect((failure as Error).message).to.match(/no --csv given and no case store/);
  });

  it('cross-validates a CSV and prints accuracy, macro-F1, per-category figures and confusions', async () => {
    const { out } = await run(['classifier', 'evaluate', '--csv', csv, '--text-col', 'body', '--label-col', 'cause', '--folds', '3']);
    expect(out).to.match(/3-fold stratified cross-validation .*: 120 texts, 3 categories/);
    expect(out).to.match(/accuracy {2}\d\.\d{3} ± \d\.\d{3}/);
    expect(out).to.match(/macro-F1 {2}\d\.\d{3} ± \d\.\d{3}/);
    expect(out).to.match(/Кровля\s+\d\.\d{3}\s+\d\.\d{3}\s+\d\.\d{3}\s+40/);
    expect(out).to.include('top confusions (actual -> predicted):');
    expect(out).to.include('confidence vs accuracy:');
  });

  it('refuses a fold count that is not a whole number of at least two', async () => {
    const failure = await run(['classifier', 'evaluate', '--csv', csv, '--folds', '1']).then(() => null, (e: unknown) => e);
    expect((failure as Error).message).to.match(/--folds <n>.*at least 2/);
  });

  it('scores the stored model on a CSV with --model', async () => {
    await run(['classifier', 'train', '--csv', csv, '--text-col', 'body', '--label-col', 'cause']);
    const { out } = await run(['classifier', 'evaluate', '--csv', csv, '--text-col', 'body', '--label-col', 'cause', '--model']);
    expect(out).to.match(/^stored model .*model\.json on .*labelled\.csv: 120 texts/);
    expect(out).to.not.include('±');
  });
});

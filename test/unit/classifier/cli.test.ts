import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { Command } from 'commander';
import { registerClassifierCommands, type ClassifierCommandDeps } from '../../../src/classifier/cli';
import type { ClassifierRun } from '../../../src/store/classifier-run-repo';
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

  async function run(args: string[], store?: () => Promise<LabelledText[]>, more: Partial<ClassifierCommandDeps> = {}): Promise<{ out: string; err: string }> {
    let out = '';
    let err = '';
    const program = new Command('complaintd').exitOverride();
    program.configureOutput({ writeOut: (s) => (out += s), writeErr: (s) => (err += s) });
    registerClassifierCommands(program, { settings: async () => ({ modelPath: join(dir, 'var', 'model.json'), labelMap: new Map(), categoryIds: new Set(['Кровля', 'Водоснабжение', 'Фасад']) }), labelledFromStore: store, ...more });
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
    const { out } = await run(['classifier', 'cross-validate', '--csv', csv, '--text-col', 'body', '--label-col', 'cause', '--folds', '3']);
    expect(out).to.match(/3-fold stratified cross-validation .*: 120 texts, 3 categories/);
    expect(out).to.match(/accuracy {2}\d\.\d{3} ± \d\.\d{3}/);
    expect(out).to.match(/macro-F1 {2}\d\.\d{3} ± \d\.\d{3}/);
    expect(out).to.match(/Кровля\s+\d\.\d{3}\s+\d\.\d{3}\s+\d\.\d{3}\s+40/);
    expect(out).to.include('top confusions (actual -> predicted):');
    expect(out).to.include('confidence vs accuracy:');
  });

  it('refuses a fold count that is not a whole number of at least two', async () => {
    const failure = await run(['classifier', 'cross-validate', '--csv', csv, '--folds', '1']).then(() => null, (e: unknown) => e);
    expect((failure as Error).message).to.match(/--folds <n>.*at least 2/);
  });

  it('evaluate scores the stored model on a CSV, without cross-validating', async () => {
    await run(['classifier', 'train', '--csv', csv, '--text-col', 'body', '--label-col', 'cause']);
    const { out } = await run(['classifier', 'evaluate', '--csv', csv, '--text-col', 'body', '--label-col', 'cause']);
    expect(out).to.match(/^stored model .*model\.json on .*labelled\.csv: 120 texts/);
    expect(out).to.not.include('±');
  });

  it('maps CSV labels through the label map and names the labels that are neither categories nor mapped', async () => {
    const other = join(dir, 'foreign.csv');
    await writeFile(other, csvOf(examples.map((e) => ({ ...e, label: e.label === 'Фасад' ? 'Стены дома' : e.label === 'Кровля' ? 'Крыша' : e.label }))));
    const settings = async () => ({ modelPath: join(dir, 'var', 'mapped.json'), labelMap: new Map([['Стены дома', 'Фасад']]), categoryIds: new Set(['Кровля', 'Водоснабжение', 'Фасад']) });
    const { out, err } = await run(['classifier', 'train', '--csv', other], undefined, { settings });
    expect(out).to.match(/trained on 120 texts .*: 3 categories/);
    expect(err).to.match(/not category ids and not in classification\.labelMap: "Крыша" \(40\); cases the model gives them are filed under "other"/);
  });

  it('retrain says whether the live model was replaced, on how many labels, and why', async () => {
    const run1: ClassifierRun = {
      id: 1, startedAt: '2026-12-01T10:00:00.000Z', finishedAt: '2026-12-01T10:00:05.000Z', trigger: 'labels', labelsUntil: '2026-12-01T10:00:00.000Z',
      staffLabels: 80, csvExamples: 500, trainExamples: 564, heldOut: 16, macroF1: 0.71, liveMacroF1: 0.74, perClassF1: { billing: 0.9, delivery: 0.52 },
      accepted: false, reason: 'held-out macro-F1 0.710 < live 0.740 on 16 labels; keeping the live model', modelPath: null, modelTrainedAt: null, durationMs: 5000,
    };
    const retrain = async () => ({ ran: true as const, accepted: false, reason: run1.reason, run: run1 });
    const { out } = await run(['classifier', 'retrain'], undefined, { retrain });
    expect(out).to.equal('kept the live model: trained on 564 texts (500 from the CSV, 64 staff labels), 16 held out; held-out macro-F1 0.710 < live 0.740 on 16 labels; keeping the live model\n');
    const notDue = await run(['classifier', 'retrain'], undefined, { retrain: async () => ({ ran: false, reason: 'no new staff labels so far (no run yet)' }) });
    expect(notDue.out).to.equal('not due: no new staff labels so far (no run yet)\n');

    const quality = async () => ({ runs: [run1], corrections: [{ category: 'delivery', corrections: 7, previous: [{ category: 'other', count: 5 }, { category: 'billing', count: 2 }], decidedBy: { default: 5, classifier: 2 } }] });
    const info = (await run(['classifier', 'info'], undefined, { quality, clock: () => new Date('2026-12-02T00:00:00Z') })).out;
    expect(info).to.match(/2026-12-01 10:00:00\s+labels\s+564\s+16\s+0\.710\s+0\.740\s+kept the live model/);
    expect(info).to.match(/weakest first\):\n {4}0\.520 {2}delivery\n {4}0\.900 {2}billing/);
    expect(info).to.include('categories staff corrected to most often, 2026-09-03 to 2026-12-02 (the causes missed):\n      7  delivery  (was other 5, billing 2; decided by default 5, classifier 2)');
  });
});

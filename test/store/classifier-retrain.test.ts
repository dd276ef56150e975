import { expect } from 'chai';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadClassification } from '../../src/classification';
import type { LabelledText } from '../../src/classifier/category-predictor';
import { loadPredictor } from '../../src/classifier/load-predictor';
import { readLabelledCsv } from '../../src/classifier/labelled-csv';
import { parseLabelMap } from '../../src/classifier/label-map';
import { retrainIfDue, type RetrainDeps, type RetrainSettings } from '../../src/classifier/retrain';
import { setCaseCategory } from '../../src/cases/set-category';
import { loadCategories, type CategorySet } from '../../src/rules/categories';
import { modelQualityHistory } from '../../src/store/classifier-run-repo';
import { mostCorrectedCategories } from '../../src/store/staff-label-repo';
import type { CategoryPredictor } from '../../src/rules/predictor';
import { pipelineHarness, type Harness } from '../support/pipeline-harness';
import { rawMail } from '../support/raw-mail';

const root = path.resolve(__dirname, '../..');
const categoriesFile = path.join(root, 'config/categories.yaml');
const rulesDir = path.join(root, 'config/rules');
// The fixture's labels are city-portal rubrics, not category ids: the label map says what they mean here.
const LABEL_MAP = 'Кровля: product-quality\nВодоснабжение: delivery\nФасад: billing\n';

describe('retraining the classifier on staff labels', function () {
  this.timeout(60_000);
  let h: Harness;
  let dir: string;
  let categories: CategorySet;
  let staff: LabelledText[];
  let settings: RetrainSettings;
  let now: Date;
  const replaced: CategoryPredictor[] = [];

  const deps = (overrides: Partial<RetrainSettings> = {}): RetrainDeps => ({
    db: h.db,
    settings: { ...settings, ...overrides },
    clock: () => now,
    onReplaced: (predictor) => replaced.push(predictor),
  });

  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'complaintd-retrain-'));
    categories = await loadCategories(categoriesFile);
    const categoryIds = new Set(categories.categories.keys());
    const labelMap = parseLabelMap('label-map.yaml', LABEL_MAP, categoryIds);
    const all = (await readLabelledCsv(path.join(root, 'test/fixtures/classifier/spb-appeals-ru-sample.csv'))).examples.filter((e) => labelMap.has(e.label));
    // Even rows seed the model from a CSV; odd rows arrive as complaints that staff label.
    const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
    await writeFile(path.join(dir, 'initial.csv'), ['label,text', ...all.filter((_, i) => i % 2 === 0).map((e) => `${quote(e.label)},${quote(e.text)}`)].join('\n'));
    staff = all.filter((_, i) => i % 2 === 1).map((e) => ({ text: e.text, label: labelMap.get(e.label)! }));
    settings = {
      afterNewLabels: 50, every: '7d', initialCsv: path.join(dir, 'initial.csv'), initialCsvTextColumn: 'text', initialCsvLabelColumn: 'label',
      heldOutShare: 0.2, minHeldOutLabels: 5, tolerance: 0, modelPath: path.join(dir, 'model.json'), labelMap, categoryIds,
    };
    h = await pipelineHarness();
    for (const [i, e] of staff.entries()) await h.deliver(rawMail({ from: `Житель ${i} <resident${i}@example.test>`, subject: `Обращение ${i}`, body: e.text }));
    await h.processAll();
    now = new Date('2026-12-01T10:00:00Z');
    for (const [i, e] of staff.entries()) {
      await setCaseCategory(h.db, categories, { number: `CMP-2026-${String(i + 1).padStart(6, '0')}`, category: e.label, actor: 'staff@example.test', now });
    }
  });
  after(async () => {
    await h.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('trains the first model once enough staff labels arrived, saves it, hands it to the daemon and records the run', async () => {
    now = new Date('2026-12-01T11:00:00Z');
    const outcome = await retrainIfDue(deps());
    expect(outcome).to.include({ ran: true, accepted: true });
    if (!outcome.ran) throw new Error('not ran');
    expect(outcome.run).to.include({ trigger: 'first', staffLabels: 60, csvExamples: 60, modelPath: settings.modelPath });
    expect(outcome.run.heldOut).to.be.within(5, 25);
    expect(outcome.run.trainExamples).to.equal(120 - outcome.run.heldOut);
    expect(outcome.run.macroF1).to.be.above(0.5);
    expect(Object.keys(outcome.run.perClassF1 ?? {})).to.have.members(['billing', 'delivery', 'product-quality']);
    expect(outcome.reason).to.match(/^60 new staff labels so far \(no run yet\) \(retrain after 50\); no live model to compare with/);
    expect((await stat(settings.modelPath)).isFile()).to.equal(true);
    expect(replaced).to.have.length(1);
    expect(['billing', 'delivery', 'product-quality']).to.include(replaced[0]!.predict('Течёт крыша, протечка с кровли в квартиру').category);
  });

  it('does not run again until new labels arrive, and says so without recording a run', async () => {
    now = new Date('2026-12-01T12:00:00Z');
    expect(await retrainIfDue(deps())).to.deep.equal({ ran: false, reason: 'no new staff labels since the last run at 2026-12-01T11:00:00.000Z' });
    expect(await modelQualityHistory(h.db)).to.have.length(1);
  });

  it('keeps the live model, and its file, when too few labels are held out to judge the new one', async () => {
    const before = await readFile(settings.modelPath);
    now = new Date('2026-12-01T13:00:00Z');
    const outcome = await retrainIfDue(deps({ minHeldOutLabels: 1000 }), { force: true });
    expect(outcome).to.include({ ran: true, accepted: false });
    expect(outcome.reason).to.match(/too few to tell the new model from the live one; keeping the live model/);
    expect((await readFile(settings.modelPath)).equals(before)).to.equal(true);
    expect(replaced).to.have.length(1);
  });

  it('replaces the live model with one as good on the same held-out labels', async () => {
    now = new Date('2026-12-01T14:00:00Z');
    const outcome = await retrainIfDue(deps(), { force: true });
    expect(outcome).to.include({ ran: true, accepted: true });
    expect(outcome.reason).to.match(/held-out macro-F1 \d\.\d{3} >= live \d\.\d{3} on \d+ labels/);
  });

  it('records a run that could not read its initial CSV, and keeps the live model', async () => {
    now = new Date('2026-12-01T15:00:00Z');
    const outcome = await retrainIfDue(deps({ initialCsv: path.join(dir, 'missing.csv') }), { force: true });
    expect(outcome).to.include({ ran: true, accepted: false });
    expect(outcome.reason).to.match(/cannot read the initial CSV/);
  });

  it('lists every run oldest first with its date, size, held-out macro-F1 and verdict', async () => {
    const runs = await modelQualityHistory(h.db);
    expect(runs.map((r) => [r.startedAt, r.trigger, r.accepted])).to.deep.equal([
      ['2026-12-01T11:00:00.000Z', 'first', true],
      ['2026-12-01T13:00:00.000Z', 'manual', false],
      ['2026-12-01T14:00:00.000Z', 'manual', true],
      ['2026-12-01T15:00:00.000Z', 'manual', false],
    ]);
    expect(runs[0]!.macroF1).to.be.a('number');
    expect(runs[3]!.macroF1).to.equal(null);
  });

  it('counts the categories staff corrected to, what the cases had and which source decided it', async () => {
    const corrected = await mostCorrectedCategories(h.db, { from: '2026-12-01T00:00:00Z', to: '2026-12-02T00:00:00Z' });
    expect(corrected.map((c) => c.category)).to.have.members(['billing', 'delivery', 'product-quality']);
    expect(corrected.reduce((n, c) => n + c.corrections, 0)).to.equal(60);
    // The harness registers every case as "refund" by a rule.
    expect(corrected[0]!.previous).to.deep.equal([{ category: 'refund', count: corrected[0]!.corrections }]);
    expect(corrected[0]!.decidedBy).to.deep.equal({ rule: corrected[0]!.corrections });
    expect(await mostCorrectedCategories(h.db, { from: '2026-12-02T00:00:00Z', to: '2026-12-03T00:00:00Z' })).to.deep.equal([]);
  });

  it('a running classification switches to the replaced model without a restart', async () => {
    const c = await loadClassification({ rulesDir, categoriesFile, modelPath: path.join(dir, 'none.json'), mode: 'classifier-only', minConfidence: 0 }, loadPredictor);
    const input = { subject: '', text: 'Течёт крыша, протечка с кровли в квартиру', fromAddress: 'a@b.test', headers: {}, attachmentNames: [] };
    expect(c.categorize(input).source).to.equal('default');
    c.replacePredictor(replaced[replaced.length - 1]!);
    expect(c.hasModel).to.equal(true);
    expect(c.categorize(input).source).to.equal('classifier');
  });
});

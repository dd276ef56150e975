import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadClassification } from '../../src/classification';
import { loadCategories } from '../../src/rules/categories';
import { loadRuleSet } from '../../src/rules/load-rules';
import { trainModel } from '../../src/classifier/classifier-model';
import { saveModel } from '../../src/classifier/model-file';
import { loadPredictor } from '../../src/classifier/load-predictor';
import { confirmedCategories } from '../../src/store/case-repo';
import { pipelineHarness, type Harness } from '../support/pipeline-harness';
import { rawMail } from '../support/raw-mail';

const root = path.resolve(__dirname, '../..');
const rulesDir = path.join(root, 'config/rules');
const categoriesFile = path.join(root, 'config/categories.yaml');

// Folders made by modelFromRuleExamples, removed after each test whether it passed or not.
const modelDirs: string[] = [];

/** A model trained on the shipped rules' own examples: labels are real category ids. */
async function modelFromRuleExamples(): Promise<string> {
  const ruleSet = await loadRuleSet(rulesDir, await loadCategories(categoriesFile));
  const examples = ruleSet.rules.flatMap((r) => r.examples.map((e) => ({ text: `${e.input.subject}\n\n${e.input.text}`, label: r.category })));
  const dir = mkdtempSync(path.join(tmpdir(), 'complaintd-model-'));
  modelDirs.push(dir);
  const modelPath = path.join(dir, 'model.json');
  await saveModel(modelPath, trainModel(examples));
  return modelPath;
}

describe('classification in the daemon', function () {
  this.timeout(30_000);
  let h: Harness | null = null;
  afterEach(async () => {
    await h?.close();
    h = null;
    for (const dir of modelDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('without a model file the rules decide alone and the verdict names the rule and the matched words', async () => {
    const c = await loadClassification({ rulesDir, categoriesFile, modelPath: '/nonexistent/model.json', mode: 'rules-first', minConfidence: 0.5 }, loadPredictor);
    expect(c.hasModel).to.equal(false);
    const v = c.categorize({ subject: 'Претензия', text: 'Прошу вернуть деньги за возвращённый товар.', fromAddress: 'a@b.test', headers: {}, attachmentNames: [] });
    expect(v).to.include({ category: 'refund', source: 'rule' });
    expect(v.evidence.kind).to.equal('rule');
    expect(v.reason).to.match(/^rule refund-ru matched: /);
  });

  it('a stored model is reloaded, decides when no rule fires, and its evidence is words from the complaint', async () => {
    const modelPath = await modelFromRuleExamples();
    const c = await loadClassification({ rulesDir, categoriesFile, modelPath, mode: 'classifier-only', minConfidence: 0 }, loadPredictor);
    expect(c.hasModel).to.equal(true);
    h = await pipelineHarness({ categorize: c.categorize });
    await h.deliver(rawMail({ subject: 'Курьер', body: 'Курьер не привёз заказ, доставка сорвана уже второй раз.' }));
    await h.processAll();
    const kase = (await h.db('cases').first()) as { category: string; category_source: string; category_confidence: number };
    expect(kase.category_source).to.equal('classifier');
    expect(kase.category).to.equal('delivery');
    const entry = (await h.db('history').where({ event: 'categorised' }).first()) as { details: string; reason: string };
    const details = JSON.parse(entry.details) as { evidence: { kind: string; topTerms: Array<{ term: string }> } };
    expect(details.evidence.kind).to.equal('classifier');
    expect(details.evidence.topTerms.map((t) => t.term).join(' ')).to.match(/курьер|доставк|заказ/i);
    expect(entry.reason).to.contain('delivery');
  });

  it('a classifier verdict below the configured confidence marks the case for review', async () => {
    const modelPath = await modelFromRuleExamples();
    const c = await loadClassification({ rulesDir, categoriesFile, modelPath, mode: 'classifier-only', minConfidence: 0.999 }, loadPredictor);
    const v = c.categorize({ subject: '', text: 'Что-то пошло не так.', fromAddress: 'a@b.test', headers: {}, attachmentNames: [] });
    expect(v.needsReview).to.equal(true);
    expect(v.confidence).to.be.below(0.999);
  });

  it('cases whose category staff confirmed are the classifier\'s labelled examples', async () => {
    h = await pipelineHarness();
    await h.deliver(rawMail({ subject: 'Списали дважды', body: 'С карты дважды списали оплату.' }));
    await h.deliver(rawMail({ subject: 'Не подтверждено', body: 'Текст.' }));
    await h.processAll();
    await h.db('cases').where({ id: 1 }).update({ category: 'billing', category_confirmed: true });
    expect(await confirmedCategories(h.db)).to.deep.equal([{ caseId: 1, text: 'Списали дважды\nС карты дважды списали оплату.\n', label: 'billing' }]);
  });
});

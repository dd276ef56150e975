import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { Classifier, trainModel, type ClassifierModel } from '../../../src/classifier/classifier-model';
import { loadModel } from '../../../src/classifier/load-predictor';
import { ClassifierModelError, deserializeModel, saveModel, serializeModel } from '../../../src/classifier/model-file';
import { sample } from './samples';

describe('model file', () => {
  let model: ClassifierModel;
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'complaintd-classifier-'));
    const en = await sample('cfpb-products-en-sample');
    model = trainModel(en.slice(0, 200).concat(en.slice(-60)));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('reloads a saved model that predicts exactly as the trained one', async () => {
    const path = join(dir, 'nested', 'model.json');
    await saveModel(path, model);
    const loaded = await loadModel(path);
    expect(loaded).to.not.equal(null);
    const original = new Classifier(model);
    for (const { text } of (await sample('cfpb-products-en-sample')).slice(100, 130)) {
      expect(loaded!.predict(text)).to.deep.equal(original.predict(text));
    }
  });

  it('keeps the training date, example count, labels and feature count readable in the file', () => {
    const file = JSON.parse(serializeModel(model));
    expect(file).to.include({ trainedAt: model.trainedAt, exampleCount: model.exampleCount, featureCount: model.vocabulary.terms.length });
    expect(file.labels).to.deep.equal(model.labels);
  });

  it('gives no predictor, and no error, when no model has been trained yet', async () => {
    expect(await loadModel(join(dir, 'absent.json'))).to.equal(null);
  });

  it('reports a truncated file as damaged, naming the file', async () => {
    const path = join(dir, 'truncated.json');
    await writeFile(path, serializeModel(model).slice(0, 5000));
    const failure = await loadModel(path).then(() => null, (err: unknown) => err);
    expect(failure).to.be.instanceOf(ClassifierModelError);
    expect((failure as Error).message).to.match(/truncated\.json: not a classifier model \(invalid JSON/);
  });

  it('still reads a version 1 file, a softmax model used without scaling, so an upgrade keeps the live model', () => {
    const file = JSON.parse(serializeModel(model)) as Record<string, unknown> & { options: Record<string, unknown> };
    const { loss: _loss, hingeEpochs: _epochs, hingeC: _c, ...v1Options } = file.options;
    const { scoreScale: _scale, ...v1 } = file;
    const loaded = deserializeModel(JSON.stringify({ ...v1, version: 1, options: v1Options }), 'm.json');
    expect(loaded.options.loss).to.equal('softmax');
    expect(loaded.scoreScale).to.equal(1);
  });

  it('refuses a model of another version and says to retrain', () => {
    const file = { ...JSON.parse(serializeModel(model)), version: 3 };
    expect(() => deserializeModel(JSON.stringify(file), 'm.json')).to.throw(ClassifierModelError, /version 3 .*retrain/);
  });

  it('refuses a JSON file that is not a classifier model', () => {
    expect(() => deserializeModel('{"rules": []}', 'm.json')).to.throw(ClassifierModelError, /not a complaintd classifier model/);
  });

  it('reports weights that do not fit the vocabulary as damage', () => {
    const file = { ...JSON.parse(serializeModel(model)), weights: Buffer.alloc(12).toString('base64') };
    expect(() => deserializeModel(JSON.stringify(file), 'm.json')).to.throw(ClassifierModelError, /weights holds 3 numbers/);
  });

  it('names the field when one is missing', () => {
    const { terms: _dropped, ...file } = JSON.parse(serializeModel(model));
    expect(() => deserializeModel(JSON.stringify(file), 'm.json')).to.throw(ClassifierModelError, /damaged model file: terms/);
  });
});

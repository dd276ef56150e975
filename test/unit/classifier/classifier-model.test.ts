import { expect } from 'chai';
import { Classifier, trainModel, TrainingDataError, type ClassifierModel } from '../../../src/classifier/classifier-model';
import { DEFAULT_OPTIONS } from '../../../src/classifier/training-options';
import { words } from '../../../src/text/tokenize';
import { sample } from './samples';

describe('classifier model', () => {
  let model: ClassifierModel;
  let classifier: Classifier;
  before(async () => {
    model = trainModel(await sample('spb-appeals-ru-sample'));
    classifier = new Classifier(model);
  });

  it('recognises a leaking roof as a roof complaint and explains it with the words that say so', () => {
    const text = 'Протекает крыша над квартирой 45, после дождя течёт с потолка на последнем этаже';
    const prediction = classifier.predict(text);
    expect(prediction.category).to.equal('Кровля');
    const textWords = new Set(words(text));
    expect(prediction.topTerms).to.not.be.empty;
    for (const { term } of prediction.topTerms) expect(textWords, term).to.include(term);
    expect(prediction.topTerms.map((t) => t.term)).to.include.oneOf(['крыша', 'протекает', 'течет', 'потолка']);
  });

  it('lists evidence with positive weights, strongest first', () => {
    const { topTerms } = classifier.predict('Во дворе не убран мусор, контейнерная площадка переполнена');
    const weights = topTerms.map((t) => t.weight);
    expect(weights.every((w) => w > 0)).to.equal(true);
    expect(weights).to.deep.equal([...weights].sort((a, b) => b - a));
  });

  it('gives every category a probability, and they sum to one', () => {
    const p = classifier.probabilities('В подвале стоит вода, пахнет канализацией');
    expect(p).to.have.length(model.labels.length);
    expect(Array.from(p).every((x) => x >= 0 && x <= 1)).to.equal(true);
    expect(Array.from(p).reduce((a, b) => a + b, 0)).to.be.closeTo(1, 1e-9);
  });

  it('reports the chosen category with the highest probability and the runner-up with the second', () => {
    const text = 'Незаконная реклама на фасаде дома, вывеска без разрешения';
    const prediction = classifier.predict(text);
    const sorted = Array.from(classifier.probabilities(text)).sort((a, b) => b - a);
    expect(prediction.confidence).to.equal(sorted[0]);
    expect(prediction.runnerUp?.confidence).to.equal(sorted[1]);
    expect(prediction.runnerUp?.category).to.not.equal(prediction.category);
  });

  it('still answers, with little confidence, for a text of words it never saw', () => {
    const prediction = classifier.predict('zzz qqq');
    expect(model.labels).to.include(prediction.category);
    expect(prediction.confidence).to.be.lessThan(0.5);
    expect(prediction.topTerms).to.deep.equal([]);
  });

  it('trains the same weights twice from the same examples and seed', async () => {
    const again = trainModel(await sample('spb-appeals-ru-sample'), DEFAULT_OPTIONS, new Date(model.trainedAt));
    expect(again.vocabulary.terms).to.deep.equal(model.vocabulary.terms);
    expect(Buffer.from(again.linear.weights.buffer).equals(Buffer.from(model.linear.weights.buffer))).to.equal(true);
  });

  it('trains different weights from a different seed, so the seed is what makes it repeatable', async () => {
    const other = trainModel(await sample('spb-appeals-ru-sample'), { ...DEFAULT_OPTIONS, seed: 2 });
    expect(Buffer.from(other.linear.weights.buffer).equals(Buffer.from(model.linear.weights.buffer))).to.equal(false);
  });

  it('records when and on how many examples of each category it was trained', () => {
    expect(model.exampleCount).to.equal(600);
    expect(model.labels).to.have.length(15);
    expect(Object.values(model.labelCounts).reduce((a, b) => a + b, 0)).to.equal(600);
    expect(Date.parse(model.trainedAt)).to.not.be.NaN;
  });

  it('refuses to train when all examples share one category', () => {
    const one = [{ text: 'течёт крыша', label: 'Кровля' }, { text: 'снова течёт', label: 'Кровля' }];
    expect(() => trainModel(one)).to.throw(TrainingDataError, /at least two categories/);
  });
});

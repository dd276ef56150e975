import { expect } from 'chai';
import { classScores } from '../../../src/classifier/softmax-regression';
import { SquaredHingeTrainer } from '../../../src/classifier/squared-hinge';
import type { SparseVector } from '../../../src/classifier/vocabulary';

const options = { hingeEpochs: 10, hingeC: 1, classWeighting: 'balanced' as const, seed: 1 };
const one = (feature: number): SparseVector => ({ indices: Int32Array.of(feature), values: Float64Array.of(1) });

describe('squared-hinge learner', () => {
  // Class c is told by feature c; feature 3 is noise shared by all.
  const vectors = [0, 1, 2, 0, 1, 2].map((c) => ({ indices: Int32Array.of(c, 3), values: Float64Array.of(0.8, 0.6) }));
  const labels = Int32Array.of(0, 1, 2, 0, 1, 2);
  const shape = { classCount: 3, featureCount: 4 };

  it('scores each class highest on the texts of that class', () => {
    const trainer = new SquaredHingeTrainer(vectors, labels, shape, options);
    trainer.sweep([0, 1, 2, 3, 4, 5], options.hingeEpochs);
    const model = trainer.weights();
    for (let c = 0; c < 3; c++) {
      const scores = Array.from(classScores(one(c), model));
      expect(scores.indexOf(Math.max(...scores))).to.equal(c);
    }
  });

  it('learns nothing about a class from texts it was not given', () => {
    const trainer = new SquaredHingeTrainer(vectors, labels, shape, options);
    trainer.sweep([0, 1, 3, 4], options.hingeEpochs);
    const model = trainer.weights();
    // Feature 2 appears only in the class-2 texts left out: its weights are untouched.
    expect(Array.from(model.weights.slice(2 * 3, 3 * 3))).to.deep.equal([0, 0, 0]);
  });

  it('goes on from where it stopped when more texts are added', () => {
    const trainer = new SquaredHingeTrainer(vectors, labels, shape, options);
    trainer.sweep([0, 1, 3, 4], options.hingeEpochs);
    trainer.sweep([0, 1, 2, 3, 4, 5], 5);
    const scores = Array.from(classScores(one(2), trainer.weights()));
    expect(scores.indexOf(Math.max(...scores))).to.equal(2);
  });
});

import { expect } from 'chai';
import { calibrationOf } from '../../../src/classifier/calibration';
import { evaluatePredictions } from '../../../src/classifier/metrics';

describe('evaluation metrics', () => {
  // 8 roof complaints all right; 2 heating complaints, one taken for roof.
  const actual = ['roof', 'roof', 'roof', 'roof', 'roof', 'roof', 'roof', 'roof', 'heat', 'heat'];
  const predicted = ['roof', 'roof', 'roof', 'roof', 'roof', 'roof', 'roof', 'roof', 'heat', 'roof'];

  it('gives a rare category the same say in macro-F1 as a frequent one', () => {
    const evaluation = evaluatePredictions(actual, predicted);
    expect(evaluation.accuracy).to.equal(0.9);
    const roofF1 = (2 * (8 / 9) * 1) / (8 / 9 + 1);
    const heatF1 = (2 * 1 * 0.5) / 1.5;
    expect(evaluation.macroF1).to.be.closeTo((roofF1 + heatF1) / 2, 1e-12);
  });

  it('reports precision and recall per category with its support', () => {
    const heat = evaluatePredictions(actual, predicted).perClass.find((c) => c.label === 'heat');
    expect(heat).to.deep.include({ precision: 1, recall: 0.5, support: 2 });
  });

  it('lists the most frequent confusion first, and never a correct prediction', () => {
    const evaluation = evaluatePredictions(['a', 'a', 'a', 'b', 'c'], ['b', 'b', 'a', 'c', 'c']);
    expect(evaluation.confusions).to.deep.equal([
      { actual: 'a', predicted: 'b', count: 2 },
      { actual: 'b', predicted: 'c', count: 1 },
    ]);
  });

  it('counts a category that is only ever predicted in the macro average', () => {
    expect(evaluatePredictions(['a', 'a'], ['a', 'b']).perClass.map((c) => c.label)).to.deep.equal(['a', 'b']);
  });

  it('puts each prediction in the band of its confidence with the accuracy reached there', () => {
    const calibration = calibrationOf([0.95, 0.92, 0.55, 1], [true, false, true, true]);
    expect(calibration.bands.map((b) => [b.from, b.count, b.accuracy])).to.deep.equal([
      [0.5, 1, 1],
      [0.9, 3, 2 / 3],
    ]);
    const expected = 0.25 * Math.abs(1 - 0.55) + 0.75 * Math.abs(2 / 3 - (0.95 + 0.92 + 1) / 3);
    expect(calibration.expectedCalibrationError).to.be.closeTo(expected, 1e-12);
  });
});

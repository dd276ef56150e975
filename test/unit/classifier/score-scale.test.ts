import { expect } from 'chai';
import { fitScoreScale, meanLogLoss } from '../../../src/classifier/score-scale';
import { seededRandom } from '../../../src/classifier/seeded-random';
import { softmaxInPlace } from '../../../src/classifier/softmax-regression';

/** Labels drawn from softmax(scale × scores): the scale a calibration should find. */
function drawn(scale: number, count: number): { scores: Float64Array[]; labels: Int32Array } {
  const random = seededRandom(5);
  const scores = Array.from({ length: count }, () => Float64Array.from({ length: 4 }, () => random() * 2 - 1));
  const labels = Int32Array.from(scores, (row) => {
    const p = softmaxInPlace(Float64Array.from(row, (s) => s * scale));
    let u = random();
    for (let c = 0; c < p.length; c++) if ((u -= p[c]!) < 0) return c;
    return p.length - 1;
  });
  return { scores, labels };
}

describe('score scale (temperature) calibration', () => {
  it('recovers the scale that generated the labels', () => {
    const { scores, labels } = drawn(3, 4000);
    expect(fitScoreScale(scores, labels)).to.be.closeTo(3, 0.4);
  });

  it('fits no worse a log-loss than the unscaled scores', () => {
    const { scores, labels } = drawn(0.5, 1000);
    const scale = fitScoreScale(scores, labels);
    expect(meanLogLoss(scores, labels, scale)).to.be.at.most(meanLogLoss(scores, labels, 1));
  });

  it('makes an uninformative model timid rather than sure', () => {
    const { scores } = drawn(1, 500);
    const random = seededRandom(9);
    const noise = Int32Array.from(scores, () => Math.floor(random() * 4));
    expect(fitScoreScale(scores, noise)).to.be.below(0.5);
  });
});

import { expect } from 'chai';
import { calibrationOf } from '../../../src/classifier/calibration';
import { Classifier, trainModel } from '../../../src/classifier/classifier-model';
import { FALLBACK_SCORE_SCALE } from '../../../src/classifier/fit-linear';
import { splitHeldOut } from '../../../src/classifier/held-out-split';
import { sample } from './samples';

describe('fitting a calibrated linear model', () => {
  it('uses the learner\'s fallback scale when too few texts can be held back to fit one', async () => {
    const few = (await sample('spb-appeals-ru-sample')).filter((e) => e.label === 'Кровля' || e.label === 'Фасад').slice(0, 60);
    expect(trainModel(few).scoreScale).to.equal(FALLBACK_SCORE_SCALE['squared-hinge']);
  });

  it('gives probabilities whose confidence matches the accuracy on texts it never saw', async () => {
    const { train, heldOut } = splitHeldOut(await sample('cfpb-products-en-sample'), 0.3, 2);
    const model = trainModel(train);
    expect(model.scoreScale).to.not.equal(FALLBACK_SCORE_SCALE['squared-hinge']);
    const classifier = new Classifier(model);
    const predictions = heldOut.map((e) => classifier.mostProbable(e.text));
    const calibration = calibrationOf(predictions.map((p) => p.probability), predictions.map((p, i) => p.label === heldOut[i]!.label));
    // Uncalibrated squared-hinge scores through a softmax were off by about 0.5.
    expect(calibration.expectedCalibrationError).to.be.below(0.2);
  });
});

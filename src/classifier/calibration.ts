// How far the model's confidence can be trusted: out-of-fold predictions grouped by confidence, with
// the accuracy actually reached in each group. Staff pick the "needs review" threshold from this
// table, and the expected calibration error says whether "0.8" means right four times in five.

export interface ConfidenceBand {
  /** Lower edge, inclusive; the band runs to the next band's edge (the last one includes 1). */
  from: number;
  count: number;
  meanConfidence: number;
  accuracy: number;
}

export interface Calibration {
  bands: ConfidenceBand[];
  /** Mean |accuracy - confidence| over bands, weighted by their counts; 0 is perfectly calibrated. */
  expectedCalibrationError: number;
}

export function calibrationOf(confidences: number[], correct: boolean[], bandCount = 10): Calibration {
  const sums = Array.from({ length: bandCount }, () => ({ count: 0, confidence: 0, correct: 0 }));
  confidences.forEach((confidence, i) => {
    const band = sums[Math.min(bandCount - 1, Math.floor(confidence * bandCount))]!;
    band.count++;
    band.confidence += confidence;
    if (correct[i]) band.correct++;
  });
  const bands = sums.flatMap((band, b) =>
    band.count === 0
      ? []
      : [{ from: b / bandCount, count: band.count, meanConfidence: band.confidence / band.count, accuracy: band.correct / band.count }],
  );
  const total = confidences.length;
  const expectedCalibrationError = bands.reduce((sum, b) => sum + (b.count / total) * Math.abs(b.accuracy - b.meanConfidence), 0);
  return { bands, expectedCalibrationError };
}

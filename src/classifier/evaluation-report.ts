// Renders an evaluation for a person at a terminal: the headline scores, how each cause fares, which
// causes are mistaken for which, and how much the confidence can be trusted when choosing the
// "needs review" threshold.
import type { Calibration } from './calibration';
import type { MeanAndDeviation } from './cross-validation';
import type { Evaluation } from './metrics';

export interface ReportInput {
  title: string;
  evaluation: Evaluation;
  /** Present for cross-validation: the spread across folds. */
  spread?: { accuracy: MeanAndDeviation; macroF1: MeanAndDeviation; folds: number };
  calibration?: Calibration;
  topConfusions?: number;
}

const percent = (x: number): string => `${(x * 100).toFixed(1)}%`;
const score = (x: number): string => x.toFixed(3);

function headline(input: ReportInput): string[] {
  const { evaluation, spread } = input;
  if (spread === undefined) {
    return [`accuracy  ${score(evaluation.accuracy)}`, `macro-F1  ${score(evaluation.macroF1)}`];
  }
  return [
    `accuracy  ${score(spread.accuracy.mean)} ± ${score(spread.accuracy.sd)} (mean ± sd over ${spread.folds} folds)`,
    `macro-F1  ${score(spread.macroF1.mean)} ± ${score(spread.macroF1.sd)}`,
  ];
}

function perClassTable(evaluation: Evaluation): string[] {
  const width = Math.max(8, ...evaluation.perClass.map((c) => c.label.length));
  const rows = evaluation.perClass.map(
    (c) => `  ${c.label.padEnd(width)}  ${score(c.precision)}     ${score(c.recall)}  ${score(c.f1)}  ${String(c.support).padStart(7)}`,
  );
  return [`  ${'category'.padEnd(width)}  precision  recall  F1     support`, ...rows];
}

function confusionLines(evaluation: Evaluation, limit: number): string[] {
  const shown = evaluation.confusions.slice(0, limit);
  if (shown.length === 0) return ['  none'];
  return shown.map((c) => `  ${String(c.count).padStart(5)}  ${c.actual} -> ${c.predicted}`);
}

function calibrationLines(calibration: Calibration): string[] {
  return [
    `  expected calibration error ${score(calibration.expectedCalibrationError)}`,
    '  confidence  texts  accuracy',
    ...calibration.bands.map(
      (b) => `  ≥ ${b.from.toFixed(1)}       ${String(b.count).padStart(5)}  ${percent(b.accuracy)} (mean confidence ${percent(b.meanConfidence)})`,
    ),
  ];
}

export function formatEvaluation(input: ReportInput): string {
  const { evaluation } = input;
  const lines = [
    `${input.title}: ${evaluation.total} texts, ${evaluation.perClass.length} categories`,
    ...headline(input),
    '',
    'per category:',
    ...perClassTable(evaluation),
    '',
    'top confusions (actual -> predicted):',
    ...confusionLines(evaluation, input.topConfusions ?? 10),
  ];
  if (input.calibration !== undefined) lines.push('', 'confidence vs accuracy:', ...calibrationLines(input.calibration));
  return `${lines.join('\n')}\n`;
}

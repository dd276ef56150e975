// The classifier's commands: train from a CSV or from cases whose category staff confirmed, evaluate,
// describe the stored model. `evaluate` cross-validates by default (what training on this data gives);
// --model scores the stored model instead, which is honest only on a CSV it was not trained on.
import { InvalidArgumentError, type Command } from 'commander';
import { calibrationOf } from './calibration';
import type { LabelledText } from './category-predictor';
import { Classifier, trainModel, type ClassifierModel } from './classifier-model';
import { crossValidate } from './cross-validation';
import { formatEvaluation } from './evaluation-report';
import { readLabelledCsv, type CsvColumns } from './labelled-csv';
import { evaluatePredictions } from './metrics';
import { readModel, saveModel } from './model-file';
import { DEFAULT_OPTIONS } from './training-options';

interface CsvFlags {
  csv?: string;
  textCol: string;
  labelCol: string;
}

export class ClassifierCommandError extends Error {
  override name = 'ClassifierCommandError';
}

function integerAtLeast(minimum: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < minimum) throw new InvalidArgumentError(`expected a whole number of at least ${minimum}`);
    return n;
  };
}

function columnsOf(flags: CsvFlags): CsvColumns {
  return { textColumn: flags.textCol, labelColumn: flags.labelCol };
}

function describeModel(model: ClassifierModel, path: string): string {
  const counts = model.labels.map((label) => `  ${String(model.labelCounts[label] ?? 0).padStart(6)}  ${label}`);
  return [
    `model      ${path}`,
    `trained    ${model.trainedAt}`,
    `examples   ${model.exampleCount}`,
    `features   ${model.vocabulary.terms.length}`,
    `options    ${JSON.stringify(model.options)}`,
    `categories ${model.labels.length}:`,
    ...counts,
  ].join('\n') + '\n';
}

async function examplesFrom(
  flags: CsvFlags,
  labelledFromStore: (() => Promise<LabelledText[]>) | undefined,
  warn: (text: string) => void,
): Promise<{ examples: LabelledText[]; source: string }> {
  if (flags.csv !== undefined) {
    const { examples, skippedRows } = await readLabelledCsv(flags.csv, columnsOf(flags));
    if (skippedRows > 0) warn(`${flags.csv}: skipped ${skippedRows} rows with an empty text or label\n`);
    return { examples, source: flags.csv };
  }
  if (labelledFromStore === undefined) throw new ClassifierCommandError('no --csv given and no case store to take confirmed categories from');
  return { examples: await labelledFromStore(), source: 'cases with a confirmed category' };
}

export function registerClassifierCommands(
  program: Command,
  resolve: () => Promise<{ modelPath: string }>,
  labelledFromStore?: () => Promise<Array<{ text: string; label: string }>>,
): void {
  // Read at run time, so a caller (or a test) that configures the program's output is honoured.
  const out = (text: string) => (program.configureOutput().writeOut ?? ((t: string) => process.stdout.write(t)))(text);
  const err = (text: string) => (program.configureOutput().writeErr ?? ((t: string) => process.stderr.write(t)))(text);
  const classifier = program.command('classifier').description('train, evaluate and inspect the cause classifier');

  classifier
    .command('train')
    .description('train the model from a labelled CSV, or from cases whose category staff confirmed, and store it')
    .option('--csv <file>', 'labelled CSV (without it: confirmed cases from the store)')
    .option('--text-col <name>', 'column holding the complaint text', 'text')
    .option('--label-col <name>', 'column holding the category', 'label')
    .option('--seed <n>', 'seed for the training order', integerAtLeast(0), DEFAULT_OPTIONS.seed)
    .action(async (flags: CsvFlags & { seed: number }) => {
      const { modelPath } = await resolve();
      const { examples, source } = await examplesFrom(flags, labelledFromStore, err);
      const started = Date.now();
      const model = trainModel(examples, { ...DEFAULT_OPTIONS, seed: flags.seed });
      await saveModel(modelPath, model);
      const rare = model.labels.filter((label) => (model.labelCounts[label] ?? 0) < 10);
      if (rare.length > 0) err(`few examples (< 10) for: ${rare.join(', ')}; expect these categories to be missed\n`);
      out(
        `trained on ${model.exampleCount} texts from ${source}: ${model.labels.length} categories, ` +
          `${model.vocabulary.terms.length} features, ${((Date.now() - started) / 1000).toFixed(1)} s; saved to ${modelPath}\n`,
      );
    });

  classifier
    .command('evaluate')
    .description('cross-validate training on a labelled CSV, or score the stored model on it with --model')
    .requiredOption('--csv <file>', 'labelled CSV')
    .option('--text-col <name>', 'column holding the complaint text', 'text')
    .option('--label-col <name>', 'column holding the category', 'label')
    .option('--folds <n>', 'cross-validation folds', integerAtLeast(2), 5)
    .option('--model', 'score the stored model instead of cross-validating (use a CSV it was not trained on)')
    .action(async (flags: CsvFlags & { csv: string; folds: number; model?: boolean }) => {
      const { examples } = await readLabelledCsv(flags.csv, columnsOf(flags));
      if (flags.model === true) {
        const { modelPath } = await resolve();
        const model = await readModel(modelPath);
        if (model === null) throw new ClassifierCommandError(`no model at ${modelPath}; train one with "complaintd classifier train"`);
        const predictor = new Classifier(model);
        const predictions = examples.map((e) => predictor.mostProbable(e.text));
        const evaluation = evaluatePredictions(examples.map((e) => e.label), predictions.map((p) => p.label));
        const calibration = calibrationOf(predictions.map((p) => p.probability), predictions.map((p, i) => p.label === examples[i]!.label));
        out(formatEvaluation({ title: `stored model ${modelPath} on ${flags.csv}`, evaluation, calibration }));
        return;
      }
      const { folds } = flags;
      const cv = crossValidate(examples, folds);
      out(
        formatEvaluation({
          title: `${folds}-fold stratified cross-validation on ${flags.csv}`,
          evaluation: cv.pooled,
          spread: { accuracy: cv.accuracy, macroF1: cv.macroF1, folds },
          calibration: cv.calibration,
        }),
      );
    });

  classifier
    .command('info')
    .description('describe the stored model: when and on what it was trained')
    .action(async () => {
      const { modelPath } = await resolve();
      const model = await readModel(modelPath);
      out(model === null ? `no model at ${modelPath}; train one with "complaintd classifier train"\n` : describeModel(model, modelPath));
    });
}

// The classifier's commands: train from a CSV or from cases whose category staff confirmed, evaluate
// the stored model, cross-validate training on a CSV, retrain on staff labels, and describe the
// model with its quality over time. `evaluate` scores the stored model, which is what a user expects;
// `cross-validate` answers the other question: how well would training on this CSV do.
import { InvalidArgumentError, type Command } from 'commander';
import type { ClassifierRun } from '../store/classifier-run-repo';
import type { CorrectedCategory } from '../store/staff-label-repo';
import { calibrationOf } from './calibration';
import type { LabelledText } from './category-predictor';
import { Classifier, trainModel, type ClassifierModel } from './classifier-model';
import { crossValidate } from './cross-validation';
import { formatEvaluation } from './evaluation-report';
import { applyLabelMap, type LabelMap } from './label-map';
import { readLabelledCsv, type CsvColumns } from './labelled-csv';
import { evaluatePredictions } from './metrics';
import { readModel, saveModel } from './model-file';
import { formatCorrections, formatQualityHistory } from './quality-report';
import type { RetrainOutcome } from './retrain';
import { DEFAULT_OPTIONS } from './training-options';

interface CsvFlags {
  csv?: string;
  textCol: string;
  labelCol: string;
}

export interface ClassifierCommandDeps {
  /** Read when a command runs, so a command that needs no config does not fail on a bad one. */
  settings(): Promise<{ modelPath: string; labelMap: LabelMap; categoryIds: ReadonlySet<string> }>;
  labelledFromStore?(): Promise<LabelledText[]>;
  retrain?(force: boolean): Promise<RetrainOutcome>;
  quality?(range: { from: string; to: string }): Promise<{ runs: ClassifierRun[]; corrections: CorrectedCategory[] }>;
  clock?(): Date;
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
    `scale      ${model.scoreScale.toPrecision(4)} (class scores times this, through a softmax, are the probabilities)`,
    `categories ${model.labels.length}:`,
    ...counts,
  ].join('\n') + '\n';
}

/** CSV labels go through the label map; those that stay foreign are named, as the daemon would file their cases under `other`. */
async function mappedCsv(flags: CsvFlags & { csv: string }, deps: ClassifierCommandDeps, warn: (text: string) => void): Promise<LabelledText[]> {
  const { examples, skippedRows } = await readLabelledCsv(flags.csv, columnsOf(flags));
  if (skippedRows > 0) warn(`${flags.csv}: skipped ${skippedRows} rows with an empty text or label\n`);
  const { labelMap, categoryIds } = await deps.settings();
  const mapped = applyLabelMap(examples, labelMap, categoryIds);
  if (mapped.unmapped.length > 0) {
    const shown = mapped.unmapped.slice(0, 10).map((u) => `"${u.label}" (${u.count})`).join(', ');
    warn(`labels that are not category ids and not in classification.labelMap: ${shown}${mapped.unmapped.length > 10 ? ', …' : ''}; cases the model gives them are filed under "other"\n`);
  }
  return mapped.examples;
}

async function storedModel(deps: ClassifierCommandDeps): Promise<{ model: ClassifierModel; modelPath: string }> {
  const { modelPath } = await deps.settings();
  const model = await readModel(modelPath);
  if (model === null) throw new ClassifierCommandError(`no model at ${modelPath}; train one with "complaintd classifier train"`);
  return { model, modelPath };
}

function describeOutcome(outcome: RetrainOutcome): string {
  if (!outcome.ran) return `not due: ${outcome.reason}\n`;
  const { run } = outcome;
  const sizes = `${run.trainExamples} texts (${run.csvExamples} from the CSV, ${run.staffLabels - run.heldOut} staff labels), ${run.heldOut} held out`;
  return `${outcome.accepted ? 'replaced the live model' : 'kept the live model'}: trained on ${sizes}; ${outcome.reason}\n`;
}

export function registerClassifierCommands(program: Command, deps: ClassifierCommandDeps): void {
  // Read at run time, so a caller (or a test) that configures the program's output is honoured.
  const out = (text: string) => (program.configureOutput().writeOut ?? ((t: string) => process.stdout.write(t)))(text);
  const err = (text: string) => (program.configureOutput().writeErr ?? ((t: string) => process.stderr.write(t)))(text);
  const classifier = program.command('classifier').description('train, evaluate, retrain and inspect the cause classifier');
  const csvOptions = (command: Command) =>
    command.option('--text-col <name>', 'column holding the complaint text', 'text').option('--label-col <name>', 'column holding the category', 'label');

  csvOptions(
    classifier
      .command('train')
      .description('train the model from a labelled CSV, or from cases whose category staff confirmed, and store it')
      .option('--csv <file>', 'labelled CSV, labels mapped through classification.labelMap (without it: confirmed cases from the store)'),
  )
    .option('--seed <n>', 'seed for the training order', integerAtLeast(0), DEFAULT_OPTIONS.seed)
    .action(async (flags: CsvFlags & { seed: number }) => {
      const { modelPath } = await deps.settings();
      let examples: LabelledText[];
      if (flags.csv !== undefined) examples = await mappedCsv({ ...flags, csv: flags.csv }, deps, err);
      else if (deps.labelledFromStore !== undefined) examples = await deps.labelledFromStore();
      else throw new ClassifierCommandError('no --csv given and no case store to take confirmed categories from');
      const source = flags.csv ?? 'cases with a confirmed category';
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

  csvOptions(
    classifier
      .command('evaluate')
      .description('score the stored model on a labelled CSV (use one it was not trained on)')
      .requiredOption('--csv <file>', 'labelled CSV, labels mapped through classification.labelMap'),
  ).action(async (flags: CsvFlags & { csv: string }) => {
    const examples = await mappedCsv(flags, deps, err);
    const { model, modelPath } = await storedModel(deps);
    const predictor = new Classifier(model);
    const predictions = examples.map((e) => predictor.mostProbable(e.text));
    const evaluation = evaluatePredictions(examples.map((e) => e.label), predictions.map((p) => p.label));
    const calibration = calibrationOf(predictions.map((p) => p.probability), predictions.map((p, i) => p.label === examples[i]!.label));
    out(formatEvaluation({ title: `stored model ${modelPath} on ${flags.csv}`, evaluation, calibration }));
  });

  csvOptions(
    classifier
      .command('cross-validate')
      .description('how well training on a labelled CSV would do: stratified k-fold cross-validation (the stored model is not used)')
      .requiredOption('--csv <file>', 'labelled CSV, labels mapped through classification.labelMap'),
  )
    .option('--folds <n>', 'cross-validation folds', integerAtLeast(2), 5)
    .action(async (flags: CsvFlags & { csv: string; folds: number }) => {
      const examples = await mappedCsv(flags, deps, err);
      const cv = crossValidate(examples, flags.folds);
      out(
        formatEvaluation({
          title: `${flags.folds}-fold stratified cross-validation on ${flags.csv}`,
          evaluation: cv.pooled,
          spread: { accuracy: cv.accuracy, macroF1: cv.macroF1, folds: flags.folds },
          calibration: cv.calibration,
        }),
      );
    });

  classifier
    .command('retrain')
    .description('retrain on staff labels (and classification.retrain.initialCsv) if due; replace the live model only if at least as good')
    .option('--force', 'retrain even when not due')
    .action(async (flags: { force?: boolean }) => {
      if (deps.retrain === undefined) throw new ClassifierCommandError('retraining needs the case store');
      out(describeOutcome(await deps.retrain(flags.force === true)));
    });

  classifier
    .command('info')
    .description('describe the stored model, its quality over the retrains, and the categories staff correct most')
    .option('--days <n>', 'corrections of the last N days', integerAtLeast(1), 90)
    .action(async (flags: { days: number }) => {
      const { modelPath } = await deps.settings();
      const model = await readModel(modelPath);
      out(model === null ? `no model at ${modelPath}; train one with "complaintd classifier train"\n` : describeModel(model, modelPath));
      if (deps.quality === undefined) return;
      const to = (deps.clock?.() ?? new Date()).toISOString();
      const range = { from: new Date(Date.parse(to) - flags.days * 86_400_000).toISOString(), to };
      const { runs, corrections } = await deps.quality(range);
      out(`\n${formatQualityHistory(runs).join('\n')}\n\n${formatCorrections(corrections, range).join('\n')}\n`);
    });
}

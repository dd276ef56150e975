// Quality and speed of the complaint classifier on labelled sets: for each DIR/*/train.csv, 5-fold
// stratified cross-validation (macro-F1, accuracy), training time on the whole set, time to classify
// one message, and peak memory. JSON on stdout for tracking; a readable summary on stderr. Each set
// runs in its own process, so its peak RSS is its own.
// Usage: npm run bench:classifier -- --data DIR [--folds 5] [--only NAME] [--set key=value ...]
import { spawnSync } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Command } from 'commander';
import { Classifier, trainModel } from '../src/classifier/classifier-model';
import { crossValidate } from '../src/classifier/cross-validation';
import { readLabelledCsv } from '../src/classifier/labelled-csv';
import { DEFAULT_OPTIONS, type ClassifierOptions } from '../src/classifier/training-options';

const TARGET_TEXTS = 5000;
/** The quality bar per known set, and its speed bar for every set. */
const MACRO_F1_TARGETS: Record<string, number> = { 'spb-appeals-ru': 0.86, 'cfpb-products-en': 0.55 };
const TRAIN_SECONDS_PER_5000_TARGET = 10;
const CLASSIFY_MS_TARGET = 2;

function withOverrides(settings: string[]): ClassifierOptions {
  const options: Record<string, unknown> = { ...DEFAULT_OPTIONS };
  for (const setting of settings) {
    const [key, raw] = setting.split('=') as [string, string | undefined];
    if (!(key in options) || raw === undefined) throw new Error(`unknown option in --set ${setting}`);
    options[key] = typeof options[key] === 'number' ? Number(raw) : typeof options[key] === 'boolean' ? raw === 'true' : raw;
  }
  return options as unknown as ClassifierOptions;
}

function peakRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

async function benchSet(name: string, file: string, folds: number, options: ClassifierOptions) {
  const { examples } = await readLabelledCsv(file);
  const cvStart = performance.now();
  const cv = crossValidate(examples, folds, options);
  const cvSeconds = (performance.now() - cvStart) / 1000;
  const trainStart = performance.now();
  const model = trainModel(examples, options);
  const trainSeconds = (performance.now() - trainStart) / 1000;
  // Warm: one classifier for all texts, as in the daemon, whose word memo fills as mail arrives.
  const classifyStart = performance.now();
  const classifier = new Classifier(model);
  for (const example of examples) classifier.predict(example.text);
  const msPerMessage = (performance.now() - classifyStart) / examples.length;
  // Cold: a fresh memo per message, so every word is stemmed and split again (first mail after start).
  const coldSample = examples.slice(0, 500);
  const coldStart = performance.now();
  for (const example of coldSample) new Classifier(model).predict(example.text);
  const coldMsPerMessage = (performance.now() - coldStart) / coldSample.length;
  const round = (x: number, digits = 4) => Number(x.toFixed(digits));
  const trainSecondsPer5000 = (trainSeconds * TARGET_TEXTS) / examples.length;
  const f1Target = MACRO_F1_TARGETS[name];
  return {
    set: name,
    texts: examples.length,
    labels: model.labels.length,
    features: model.vocabulary.terms.length,
    folds,
    macroF1: { mean: round(cv.macroF1.mean), sd: round(cv.macroF1.sd) },
    accuracy: { mean: round(cv.accuracy.mean), sd: round(cv.accuracy.sd) },
    foldMacroF1: cv.folds.map((f) => round(f.macroF1)),
    expectedCalibrationError: round(cv.calibration.expectedCalibrationError),
    worstClasses: [...cv.pooled.perClass].sort((a, b) => a.f1 - b.f1).slice(0, 3).map((c) => ({ label: c.label, f1: round(c.f1, 3) })),
    topConfusions: cv.pooled.confusions.slice(0, 3),
    crossValidationSeconds: round(cvSeconds, 2),
    trainSeconds: round(trainSeconds, 2),
    // Linear extrapolation: one SGD epoch is one sweep over the texts.
    trainSecondsPer5000: round(trainSecondsPer5000, 2),
    classifyMsPerMessage: round(msPerMessage, 3),
    classifyMsPerMessageCold: round(coldMsPerMessage, 3),
    peakRssMb: peakRssMb(),
    targets: {
      macroF1: f1Target ?? null,
      macroF1Met: f1Target === undefined ? null : cv.macroF1.mean >= f1Target,
      trainSecondsPer5000Met: trainSecondsPer5000 < TRAIN_SECONDS_PER_5000_TARGET,
      classifyMsMet: Math.max(msPerMessage, coldMsPerMessage) < CLASSIFY_MS_TARGET,
    },
  };
}

async function main(argv: string[]): Promise<void> {
  const program = new Command()
    .requiredOption('--data <dir>', 'folder with one sub-folder per set, each holding train.csv')
    .option('--folds <n>', 'cross-validation folds', '5')
    .option('--only <name>', 'run one set only')
    .option('--set <key=value...>', 'override a training option', [])
    .parse(argv);
  const opts = program.opts<{ data: string; folds: string; only?: string; set: string[] }>();
  const options = withOverrides(opts.set);
  if (opts.only !== undefined) {
    const file = join(opts.data, opts.only, 'train.csv');
    const result = await benchSet(opts.only, file, Number(opts.folds), options);
    process.stderr.write(
      `${opts.only}: macro-F1 ${result.macroF1.mean} ± ${result.macroF1.sd}, accuracy ${result.accuracy.mean} ± ${result.accuracy.sd}, ECE ${result.expectedCalibrationError}` +
        ` (${result.texts} texts, ${result.labels} labels, ${result.features} features); train ${result.trainSeconds} s` +
        ` (${result.trainSecondsPer5000} s per 5,000); ${result.classifyMsPerMessage} ms/message (${result.classifyMsPerMessageCold} cold); peak RSS ${result.peakRssMb} MB\n`,
    );
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  const sets = [];
  for (const name of (await readdir(opts.data)).sort()) {
    if (!(await stat(join(opts.data, name, 'train.csv')).catch(() => null))?.isFile()) continue;
    const child = spawnSync(process.execPath, [...process.execArgv, __filename, ...argv.slice(2), '--only', name], {
      stdio: ['ignore', 'pipe', 'inherit'],
      encoding: 'utf8',
      maxBuffer: 16 * 1024 * 1024,
    });
    if (child.status !== 0) throw new Error(`the run for ${name} failed (exit ${child.status})`);
    sets.push(JSON.parse(child.stdout));
  }
  process.stdout.write(`${JSON.stringify({ node: process.version, cpus: availableParallelism(), options, sets }, null, 2)}\n`);
}

main(process.argv).catch((err) => {
  process.stderr.write(`bench:classifier: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});

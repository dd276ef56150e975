// Retraining on staff labels, for the daemon's scheduler and `complaintd classifier retrain`: when
// due, trains on the initial CSV plus the staff labels not held out, scores the new and the live
// model on the held-out ones, writes the new model (atomically) only when it is at least as good,
// and records the run either way with its reason.
import type { Knex } from 'knex';
import type { AppConfig } from '../config/schema';
import { confirmedCategories } from '../store/case-repo';
import { latestRun, recordRun, type ClassifierRun } from '../store/classifier-run-repo';
import { countLabelledCasesSince } from '../store/staff-label-repo';
import type { CategoryPredictor, LabelledText } from './category-predictor';
import { Classifier, trainModel, type ClassifierModel } from './classifier-model';
import { applyLabelMap, type LabelMap } from './label-map';
import { readLabelledCsv } from './labelled-csv';
import { evaluatePredictions, type Evaluation } from './metrics';
import { readModel, saveModel } from './model-file';
import { isHeldOutCase, parseInterval, shouldReplaceLiveModel, shouldRetrain } from './retrain-policy';
import { DEFAULT_OPTIONS, type ClassifierOptions } from './training-options';

export interface RetrainSettings extends Readonly<AppConfig['classification']['retrain']> {
  /** Where the live model is read from and the accepted one written. */
  modelPath: string;
  labelMap: LabelMap;
  categoryIds: ReadonlySet<string>;
}

export interface RetrainDeps {
  db: Knex;
  settings: RetrainSettings;
  clock: () => Date;
  /** Called with the new model when it replaced the live one, so the running daemon uses it. */
  onReplaced?: (predictor: CategoryPredictor) => void;
  options?: ClassifierOptions;
}

type StaffLabel = LabelledText & { caseId: number };

export type RetrainOutcome = { ran: false; reason: string } | { ran: true; accepted: boolean; reason: string; run: ClassifierRun };

export async function retrainIfDue(deps: RetrainDeps, request: { force?: boolean } = {}): Promise<RetrainOutcome> {
  const { db, settings } = deps;
  const started = deps.clock();
  const labelsUntil = started.toISOString();
  const last = await latestRun(db);
  const newLabels = await countLabelledCasesSince(db, last?.labelsUntil ?? null, labelsUntil);
  const decision = shouldRetrain(
    { now: started, lastRunAt: last?.labelsUntil ?? null, newLabels, force: request.force === true },
    { afterNewLabels: settings.afterNewLabels, everyMs: parseInterval(settings.every) },
  );
  if (!decision.due) return { ran: false, reason: decision.reason };

  // A category since removed from categories.yaml is no longer a cause the daemon can assign.
  const staff = (await confirmedCategories(db)).filter((label) => settings.categoryIds.has(label.label));
  const heldOut = staff.filter((label) => isHeldOutCase(label.caseId, settings.heldOutShare));
  const { fields, model } = await trainAndJudge(deps, staff, heldOut);
  if (model !== undefined) await saveModel(settings.modelPath, model);
  const finished = deps.clock();
  const run = {
    startedAt: labelsUntil,
    trigger: decision.trigger,
    labelsUntil,
    staffLabels: staff.length,
    heldOut: heldOut.length,
    ...fields,
    reason: `${decision.reason}; ${fields.reason}`,
    finishedAt: finished.toISOString(),
    durationMs: finished.getTime() - started.getTime(),
  };
  const id = await recordRun(db, run);
  if (model !== undefined) deps.onReplaced?.(new Classifier(model));
  return { ran: true, accepted: run.accepted, reason: run.reason, run: { id, ...run } };
}

type JudgedFields = Pick<ClassifierRun, 'csvExamples' | 'trainExamples' | 'macroF1' | 'liveMacroF1' | 'perClassF1' | 'accepted' | 'reason' | 'modelPath' | 'modelTrainedAt'>;

/** The new model, only when it should replace the live one, and what the run records about it. */
async function trainAndJudge(deps: RetrainDeps, staff: StaffLabel[], heldOut: StaffLabel[]): Promise<{ fields: JudgedFields; model?: ClassifierModel }> {
  const { settings } = deps;
  const failed = { macroF1: null, liveMacroF1: null, perClassF1: null, accepted: false, modelPath: null, modelTrainedAt: null };
  let csv: { examples: LabelledText[]; dropped: number };
  try {
    csv = await initialExamples(settings);
  } catch (err) {
    return { fields: { ...failed, csvExamples: 0, trainExamples: 0, reason: `cannot read the initial CSV: ${(err as Error).message}` } };
  }
  const heldOutIds = new Set(heldOut.map((label) => label.caseId));
  const training = [...csv.examples, ...staff.filter((label) => !heldOutIds.has(label.caseId))];
  const sizes = { csvExamples: csv.examples.length, trainExamples: training.length };
  const dropped = csv.dropped > 0 ? `; ${csv.dropped} CSV rows dropped: their labels are neither category ids nor in the label map` : '';
  let model: ClassifierModel;
  try {
    model = trainModel(training, deps.options ?? DEFAULT_OPTIONS, deps.clock());
  } catch (err) {
    return { fields: { ...failed, ...sizes, reason: `training failed: ${(err as Error).message}${dropped}` } };
  }
  const scored = heldOut.length > 0 ? scoreOn(model, heldOut) : null;
  const live = await liveMacroF1(settings.modelPath, heldOut);
  const verdict = shouldReplaceLiveModel(
    { heldOut: heldOut.length, hasLiveModel: live.exists, newMacroF1: scored?.macroF1 ?? null, liveMacroF1: live.macroF1 },
    { minHeldOutLabels: settings.minHeldOutLabels, tolerance: settings.tolerance },
  );
  const fields = {
    ...sizes,
    macroF1: scored?.macroF1 ?? null,
    liveMacroF1: live.macroF1,
    perClassF1: scored === null ? null : Object.fromEntries(scored.perClass.map((c) => [c.label, Number(c.f1.toFixed(4))])),
    accepted: verdict.accepted,
    reason: `${live.note}${verdict.reason}${dropped}`,
    modelPath: verdict.accepted ? settings.modelPath : null,
    modelTrainedAt: verdict.accepted ? model.trainedAt : null,
  };
  return verdict.accepted ? { fields, model } : { fields };
}

/** Unattended, so labels that are not categories are left out rather than taught to the model. */
async function initialExamples(settings: RetrainSettings): Promise<{ examples: LabelledText[]; dropped: number }> {
  if (settings.initialCsv === '') return { examples: [], dropped: 0 };
  const csv = await readLabelledCsv(settings.initialCsv, { textColumn: settings.initialCsvTextColumn, labelColumn: settings.initialCsvLabelColumn });
  const mapped = applyLabelMap(csv.examples, settings.labelMap, settings.categoryIds);
  const examples = mapped.examples.filter((e) => settings.categoryIds.has(e.label));
  return { examples, dropped: mapped.examples.length - examples.length };
}

function scoreOn(model: ClassifierModel, labels: LabelledText[]): Evaluation {
  const classifier = new Classifier(model);
  return evaluatePredictions(labels.map((l) => l.label), labels.map((l) => classifier.mostProbable(l.text).label));
}

/** A live model that cannot be read is no reason to keep it: the run says so and replaces it. */
async function liveMacroF1(modelPath: string, heldOut: LabelledText[]): Promise<{ exists: boolean; macroF1: number | null; note: string }> {
  try {
    const live = await readModel(modelPath);
    if (live === null) return { exists: false, macroF1: null, note: '' };
    return { exists: true, macroF1: heldOut.length > 0 ? scoreOn(live, heldOut).macroF1 : null, note: '' };
  } catch (err) {
    return { exists: false, macroF1: null, note: `the live model cannot be read (${(err as Error).message}); ` };
  }
}

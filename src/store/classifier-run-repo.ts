// The classifier_runs table: one row per retrain, accepted or not, with the figures that decided it.
// The model's quality over time (classifier info, the KPI report) is read from here.
import type { Knex } from 'knex';

export type RetrainTrigger = 'labels' | 'schedule' | 'first' | 'manual';

export interface ClassifierRun {
  id: number;
  startedAt: string;
  finishedAt: string;
  trigger: RetrainTrigger;
  labelsUntil: string;
  staffLabels: number;
  csvExamples: number;
  trainExamples: number;
  heldOut: number;
  macroF1: number | null;
  liveMacroF1: number | null;
  perClassF1: Record<string, number> | null;
  accepted: boolean;
  reason: string;
  modelPath: string | null;
  modelTrainedAt: string | null;
  durationMs: number;
}

interface RunRow {
  id: number;
  started_at: string;
  finished_at: string;
  trigger: RetrainTrigger;
  labels_until: string;
  staff_labels: number;
  csv_examples: number;
  train_examples: number;
  held_out: number;
  macro_f1: number | null;
  live_macro_f1: number | null;
  per_class_f1: string | null;
  accepted: boolean | number;
  reason: string;
  model_path: string | null;
  model_trained_at: string | null;
  duration_ms: number;
}

function fromRow(r: RunRow): ClassifierRun {
  return {
    id: r.id,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    trigger: r.trigger,
    labelsUntil: r.labels_until,
    staffLabels: r.staff_labels,
    csvExamples: r.csv_examples,
    trainExamples: r.train_examples,
    heldOut: r.held_out,
    macroF1: r.macro_f1,
    liveMacroF1: r.live_macro_f1,
    perClassF1: r.per_class_f1 === null ? null : (JSON.parse(r.per_class_f1) as Record<string, number>),
    // SQLite returns 0/1, PostgreSQL a boolean.
    accepted: Boolean(r.accepted),
    reason: r.reason,
    modelPath: r.model_path,
    modelTrainedAt: r.model_trained_at,
    durationMs: r.duration_ms,
  };
}

export async function recordRun(db: Knex, run: Omit<ClassifierRun, 'id'>): Promise<number> {
  const [inserted] = (await db('classifier_runs')
    .insert({
      started_at: run.startedAt,
      finished_at: run.finishedAt,
      trigger: run.trigger,
      labels_until: run.labelsUntil,
      staff_labels: run.staffLabels,
      csv_examples: run.csvExamples,
      train_examples: run.trainExamples,
      held_out: run.heldOut,
      macro_f1: run.macroF1,
      live_macro_f1: run.liveMacroF1,
      per_class_f1: run.perClassF1 === null ? null : JSON.stringify(run.perClassF1),
      accepted: run.accepted,
      reason: run.reason,
      model_path: run.modelPath,
      model_trained_at: run.modelTrainedAt,
      duration_ms: run.durationMs,
    })
    .returning('id')) as Array<{ id: number } | number>;
  return typeof inserted === 'object' ? inserted.id : inserted!;
}

/** The most recent run, accepted or not: new labels are counted from it, so a rejected run is not retried at once. */
export async function latestRun(db: Knex): Promise<ClassifierRun | null> {
  const row = (await db('classifier_runs').orderBy('id', 'desc').first()) as RunRow | undefined;
  return row === undefined ? null : fromRow(row);
}

/** Every retrain, oldest first: date, size, held-out macro-F1 and per-class F1, and the verdict. */
export async function modelQualityHistory(db: Knex, options: { limit?: number } = {}): Promise<ClassifierRun[]> {
  const query = db('classifier_runs').orderBy('id', 'desc');
  if (options.limit !== undefined) query.limit(options.limit);
  const rows = (await query) as RunRow[];
  return rows.map(fromRow).reverse();
}

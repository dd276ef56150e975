// The retrain history: each time the classifier was retrained on staff labels, on what, how the new
// model scored on held-out labels against the live one, and whether it replaced it (and why not).
// `classifier info` and the KPI report read the model's quality over time from here.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('classifier_runs', (t) => {
    t.increments('id').primary();
    t.string('started_at', 32).notNullable();
    t.string('finished_at', 32).notNullable();
    // labels | schedule | first | manual: what made the run due.
    t.string('trigger', 16).notNullable();
    // Staff labels given up to this instant were read; the next run counts new ones from here.
    t.string('labels_until', 32).notNullable();
    t.integer('staff_labels').notNullable();
    t.integer('csv_examples').notNullable();
    t.integer('train_examples').notNullable();
    t.integer('held_out').notNullable();
    // Macro-F1 on the held-out staff labels of the new model and of the model live before the run;
    // null when there was nothing to score (no held-out labels, or no live model).
    t.double('macro_f1');
    t.double('live_macro_f1');
    // {"category": F1, ...} of the new model on the held-out labels.
    t.text('per_class_f1');
    t.boolean('accepted').notNullable();
    t.text('reason').notNullable();
    // The file the accepted model was written to, and its training time, which the file also holds.
    t.string('model_path', 1000);
    t.string('model_trained_at', 32);
    t.integer('duration_ms').notNullable();
    t.index(['started_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('classifier_runs');
}

// Scheduled work as durable rows: reminders, escalations, digests, auto-closing, retraining. A job is
// claimed before it runs and marked done in the same transaction as the letters it causes, so a
// restart never sends anything twice or skips it, and several instances can share the table later.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('jobs', (t) => {
    t.increments('id').primary();
    t.string('kind', 64).notNullable();
    t.integer('case_id').references('cases.id');
    t.string('key', 200).notNullable();
    // What makes a job the same job: "<kind>:<case or ->:<key>". Scheduling it again reschedules a
    // pending one and never revives a done one: that is how each reminder happens exactly once.
    t.string('dedupe', 400).notNullable().unique();
    t.string('due_at', 32).notNullable();
    // pending -> running -> done | failed; pending -> cancelled
    t.string('state', 16).notNullable();
    t.string('claimed_by', 100);
    t.string('claimed_until', 32);
    t.integer('attempts').notNullable().defaultTo(0);
    t.text('last_error');
    t.text('payload');
    t.string('created_at', 32).notNullable();
    t.string('finished_at', 32);
    t.index(['state', 'due_at']);
    t.index(['case_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('jobs');
}

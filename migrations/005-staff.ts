// What staff work on a case needs: who is assigned, where a merged case went, the deadline with its
// term, override and waits for the client, and the decisions with their approval.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('cases', (t) => {
    t.string('assignee', 320);
    t.integer('merged_into').references('cases.id');
    // The term the case got when registered (from its category or a rule) and the deadline as last
    // computed from it; `deadline_at` is kept for queries (overdue lists), the term is the truth.
    t.integer('deadline_days');
    t.string('deadline_unit', 16);
    t.string('deadline_at', 32);
    t.string('deadline_override_at', 32);
    t.string('deadline_override_set_at', 32);
    t.index(['assignee']);
    t.index(['status', 'deadline_at']);
  });

  await knex.schema.createTable('case_pauses', (t) => {
    t.increments('id').primary();
    t.integer('case_id').notNullable().references('cases.id');
    // While the case waits for the client (awaiting_info), its deadline stands still.
    t.string('started_at', 32).notNullable();
    t.string('ended_at', 32);
    t.index(['case_id']);
  });

  await knex.schema.createTable('decisions', (t) => {
    t.increments('id').primary();
    t.integer('case_id').notNullable().references('cases.id');
    // accepted | partial | rejected
    t.string('outcome', 16).notNullable();
    t.text('reasoning').notNullable();
    t.string('decided_by', 320).notNullable();
    // awaiting_approval -> issued | returned; or issued at once when no approval is needed
    t.string('state', 24).notNullable();
    t.string('resolved_by', 320);
    t.text('return_reason');
    t.integer('letter_outbox_id');
    t.string('created_at', 32).notNullable();
    t.string('resolved_at', 32);
    t.index(['case_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('decisions');
  await knex.schema.dropTableIfExists('case_pauses');
  await knex.schema.alterTable('cases', (t) => {
    t.dropIndex(['assignee']);
    t.dropIndex(['status', 'deadline_at']);
    t.dropColumns('assignee', 'merged_into', 'deadline_days', 'deadline_unit', 'deadline_at', 'deadline_override_at', 'deadline_override_set_at');
  });
}

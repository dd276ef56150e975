// Abnormal situations told to the supervisor: each alert once (its dedupe key), with the rule that
// fired, the reason and what to do, on its case or as a system event when there is none.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('alerts', (t) => {
    t.increments('id').primary();
    // deadline_breach | repeated_complaints | threat | vip | quarantine | mail_loop | bounce | unreachable | refused_staff
    t.string('kind', 32).notNullable();
    t.integer('case_id').references('cases.id');
    // Text: a rule and a dedupe key can hold a client's address or Message-ID (see 001).
    t.text('rule').notNullable();
    t.text('reason').notNullable();
    t.text('what_to_do').notNullable();
    t.text('dedupe').notNullable().unique();
    t.text('recipients').notNullable();
    t.string('created_at', 32).notNullable();
    t.index(['kind', 'created_at']);
    t.index(['case_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('alerts');
}

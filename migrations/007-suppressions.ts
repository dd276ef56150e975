// Mail hygiene: addresses we stop writing to after they bounce (until a date, or until an admin
// clears them), and what became of a letter that bounced after the server took it: the remote
// server's reason and reply, kept on the outbox row so repeated soft bounces can be counted.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('suppressions', (t) => {
    t.increments('id').primary();
    // Lower-cased; compared exactly.
    t.string('address', 320).notNullable();
    t.text('reason').notNullable();
    // The letter whose bounce put the address here, and its case, for staff following it back.
    t.integer('outbox_id').references('outbox.id');
    t.integer('case_id').references('cases.id');
    t.string('created_at', 32).notNullable();
    // Suppresses until this instant; an entry past it no longer counts and is kept as a record.
    t.string('until', 32).notNullable();
    t.string('cleared_at', 32);
    t.string('cleared_by', 320);
    t.index(['address']);
  });
  await knex.schema.alterTable('outbox', (t) => {
    t.string('bounced_at', 32);
    // The enhanced status code (5.1.1) and our reading of it (no_such_user, mailbox_full, ...).
    t.string('bounce_status', 16);
    t.string('bounce_reason', 32);
    t.boolean('bounce_hard');
    // The remote server's reply as the report quotes it.
    t.text('bounce_reply');
    // The ceiling on automatic letters counts recent letters of a kind.
    t.index(['kind', 'created_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('outbox', (t) => {
    t.dropIndex(['kind', 'created_at']);
    t.dropColumns('bounced_at', 'bounce_status', 'bounce_reason', 'bounce_hard', 'bounce_reply');
  });
  await knex.schema.dropTableIfExists('suppressions');
}

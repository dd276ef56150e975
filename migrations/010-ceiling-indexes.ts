// The ceiling on automatic letters counts, for every acknowledgement, a recipient's letters of the
// last day and everyone's of the last hour. With the kind and status in the index the count is read
// from the index alone: under a flood each count went through thousands of outbox rows (a row's
// bytes included) to check two columns, and the counts were the costliest statements of a
// registration. The new indexes begin as 008's did, so they serve its lookups too.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('outbox', (t) => {
    t.dropIndex(['envelope_to', 'created_at'], 'outbox_recipient_created');
    t.dropIndex(['kind', 'created_at'], 'outbox_kind_created');
    t.index(['envelope_to', 'created_at', 'kind', 'status'], 'outbox_recipient_created_kind_status');
    t.index(['kind', 'created_at', 'status'], 'outbox_kind_created_status');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('outbox', (t) => {
    t.dropIndex(['kind', 'created_at', 'status'], 'outbox_kind_created_status');
    t.dropIndex(['envelope_to', 'created_at', 'kind', 'status'], 'outbox_recipient_created_kind_status');
    t.index(['envelope_to', 'created_at'], 'outbox_recipient_created');
    t.index(['kind', 'created_at'], 'outbox_kind_created');
  });
}

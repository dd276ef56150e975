// Indexes so the lookups made for every message and letter cost the same with 100,000 cases as
// with 1,000: the ceiling on automatic letters counts a recipient's recent letters and everyone's,
// the repeat-complaint alert reads a client's recent cases, round-robin routing looks for the
// department's last assigned case, and the mover looks for processed mail still in the watched
// folder (a few rows among every message ever fetched).
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('outbox', (t) => {
    t.index(['envelope_to', 'created_at'], 'outbox_recipient_created');
    t.index(['kind', 'created_at'], 'outbox_kind_created');
  });
  await knex.schema.alterTable('cases', (t) => {
    t.index(['client_address', 'received_at'], 'cases_client_received');
  });
  // Partial: once moved, a row leaves the index, so its size follows the mail in flight, not the archive.
  await knex.raw('create index inbound_unmoved on inbound (mailbox, uidvalidity, id) where moved_to is null');
  await knex.raw('create index cases_assigned_department on cases (department, id) where assignee is not null');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index cases_assigned_department');
  await knex.raw('drop index inbound_unmoved');
  await knex.schema.alterTable('cases', (t) => t.dropIndex(['client_address', 'received_at'], 'cases_client_received'));
  await knex.schema.alterTable('outbox', (t) => {
    t.dropIndex(['kind', 'created_at'], 'outbox_kind_created');
    t.dropIndex(['envelope_to', 'created_at'], 'outbox_recipient_created');
  });
}

// The sender asks whether the journal copy of a letter cut off mid-send has reached the inbound
// ledger yet (processed or still waiting behind a backlog): a lookup by Message-ID, every few seconds
// for each such letter, which must not scan a ledger of every message ever received.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('inbound', (t) => {
    t.index(['message_key'], 'inbound_message_key_index');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('inbound', (t) => {
    t.dropIndex(['message_key'], 'inbound_message_key_index');
  });
}

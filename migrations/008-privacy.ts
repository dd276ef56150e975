// Personal data and fair intake: the ledger keeps each message's sender (from its From header), so
// processing takes turns between senders (one flooding sender cannot hold the others back) and
// `complaintd forget` finds a client's messages that never became a case. Rows from before this
// have no sender: they share one turn, and forget reads their headers when it looks for a client.
// A case whose texts the retention job removed says when, so the job does not look at it again.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('inbound', (t) => {
    // Lower-cased address; text, as every value that comes from mail (see 001).
    t.text('sender');
    t.index(['status', 'sender']);
  });
  await knex.schema.alterTable('cases', (t) => {
    t.string('bodies_purged_at', 32);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('cases', (t) => {
    t.dropColumn('bodies_purged_at');
  });
  await knex.schema.alterTable('inbound', (t) => {
    t.dropIndex(['status', 'sender']);
    t.dropColumn('sender');
  });
}

// Leases: which instance takes mail from which mailbox. One row per mailbox; the generation goes up
// with every change of holder, and every ledger write checks it, so a holder that was paused past
// its expiry and wakes up cannot write behind its successor's back.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('leases', (t) => {
    t.string('name', 400).primary();
    t.string('holder', 400).notNullable();
    t.integer('generation').notNullable();
    t.string('acquired_at', 32).notNullable();
    t.string('renewed_at', 32).notNullable();
    // The holder's own clock plus the lease time: instances are expected to keep their clocks in step (NTP).
    t.string('expires_at', 32).notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('leases');
}

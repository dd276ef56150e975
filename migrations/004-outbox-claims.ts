// Exactly-once letters: a letter being sent is claimed (by whom, until when), and the copy of it the
// mail server delivers back to our own journal address confirms that the server accepted it. After a
// crash, an interrupted letter is sent again only when no such copy arrives.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('outbox', (t) => {
    t.string('claimed_by', 100);
    t.string('claimed_at', 32);
    t.string('claimed_until', 32);
    // When the journal copy came back through the mailbox: proof the server took the letter.
    t.string('confirmed_at', 32);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('outbox', (t) => {
    t.dropColumns('claimed_by', 'claimed_at', 'claimed_until', 'confirmed_at');
  });
}

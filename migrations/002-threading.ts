// What threading needs beyond the spine: who was on each case's thread (participants), links between
// cases, the normalised subject and activity times for the fallback and reopen windows, the reply
// split of every message, and the generated reply-token secret when config names none.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('cases', (t) => {
    // The subject without Re:/Fwd: prefixes and case tags, lower-cased: the fallback's key. Text
    // from mail (see 001); its length is bounded where it is made, for the index.
    t.text('subject_key');
    t.string('last_message_at', 32);
    t.string('decided_at', 32);
    t.string('closed_at', 32);
    t.index(['client_address', 'subject_key']);
  });
  await knex.schema.alterTable('messages', (t) => {
    t.text('cc_addresses');
    // The message's own new words, the quoted history and the signature, split apart; `text`
    // keeps the full body.
    t.text('new_text');
    t.text('quote_text');
    t.text('signature_text');
  });

  await knex.schema.createTable('case_participants', (t) => {
    t.integer('case_id').notNullable().references('cases.id');
    t.text('address').notNullable();
    t.string('first_seen_at', 32).notNullable();
    t.primary(['case_id', 'address']);
    t.index(['address']);
  });

  await knex.schema.createTable('case_links', (t) => {
    t.increments('id').primary();
    // The newer case names the older one it relates to; both histories say so.
    t.integer('case_id').notNullable().references('cases.id');
    t.integer('linked_case_id').notNullable().references('cases.id');
    t.string('relation', 32).notNullable();
    t.text('reason').notNullable();
    t.string('at', 32).notNullable();
    t.index(['case_id']);
    t.index(['linked_case_id']);
  });

  await knex.schema.createTable('secrets', (t) => {
    t.string('name', 64).primary();
    t.string('value', 200).notNullable();
    t.string('created_at', 32).notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('secrets');
  await knex.schema.dropTableIfExists('case_links');
  await knex.schema.dropTableIfExists('case_participants');
  await knex.schema.alterTable('messages', (t) => {
    t.dropColumns('cc_addresses', 'new_text', 'quote_text', 'signature_text');
  });
  await knex.schema.alterTable('cases', (t) => {
    t.dropIndex(['client_address', 'subject_key']);
    t.dropColumns('subject_key', 'last_message_at', 'decided_at', 'closed_at');
  });
}

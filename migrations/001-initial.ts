// The spine's tables: the inbound ledger and mailbox watermarks (durable intake), cases with their
// messages, attachments and history, the per-year case sequence, and the outbox (durable sending).
// Values that come from mail are text, not varchar(n): PostgreSQL refuses a value over n where
// SQLite takes it, and mail decides those lengths, not us. (On SQLite both are TEXT: stores made
// before this was so are the same.) An indexed one is bounded by the code that makes it.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('mailbox_state', (t) => {
    t.string('mailbox', 255).primary();
    // UIDVALIDITY is a 64-bit value: text, never a JS number.
    t.string('uidvalidity', 32).notNullable();
    t.bigInteger('last_uid').notNullable();
    t.string('updated_at', 32).notNullable();
  });

  await knex.schema.createTable('inbound', (t) => {
    t.increments('id').primary();
    t.string('mailbox', 255).notNullable();
    t.string('uidvalidity', 32).notNullable();
    t.bigInteger('uid').notNullable();
    // Message-ID, or "sha256:<hash of raw>" when the message has none.
    t.text('message_key').notNullable();
    t.binary('raw').notNullable();
    t.integer('size').notNullable();
    t.string('fetched_at', 32).notNullable();
    // When the mail server received the message (IMAP INTERNALDATE): the case's received time,
    // which a sender's own Date header cannot move.
    t.string('received_at', 32).notNullable();
    // pending -> registered | follow_up | automated | duplicate | quarantined
    t.string('status', 32).notNullable().defaultTo('pending');
    t.text('reason');
    // Processing attempts that failed unexpectedly; a message that keeps failing is quarantined.
    t.integer('attempts').notNullable().defaultTo(0);
    t.integer('case_id');
    t.string('processed_at', 32);
    // Where the message was moved in the mailbox afterwards; null until the move succeeded.
    t.string('moved_to', 255);
    t.unique(['mailbox', 'uidvalidity', 'uid']);
    t.index(['status']);
  });

  await knex.schema.createTable('case_sequence', (t) => {
    t.integer('year').primary();
    t.integer('last_seq').notNullable();
  });

  await knex.schema.createTable('cases', (t) => {
    t.increments('id').primary();
    t.string('number', 64).notNullable().unique();
    t.string('status', 32).notNullable();
    t.text('client_address').notNullable();
    t.text('client_name').notNullable();
    t.text('subject').notNullable();
    t.text('body').notNullable();
    t.string('language', 8);
    t.string('locale', 8).notNullable();
    t.string('category', 64);
    t.string('category_source', 16);
    // double: a float is 4 bytes on PostgreSQL and would round a probability to 7 digits.
    t.double('category_confidence');
    t.boolean('category_confirmed').notNullable().defaultTo(false);
    t.boolean('needs_review').notNullable().defaultTo(false);
    t.string('department', 64);
    t.string('priority', 16);
    t.string('received_at', 32).notNullable();
    t.string('created_at', 32).notNullable();
    t.string('updated_at', 32).notNullable();
    t.index(['status']);
    t.index(['client_address']);
  });

  await knex.schema.createTable('messages', (t) => {
    t.increments('id').primary();
    t.integer('case_id').notNullable().references('cases.id');
    // in: from the mailbox; out: a letter we sent (the outbox row says whether it went).
    t.string('direction', 4).notNullable();
    // complaint | follow_up | automated | acknowledgement | staff_notice
    t.string('kind', 32).notNullable();
    // Inbound: the message key; guarantees one registration per message, ever.
    t.text('dedupe_key').unique();
    t.text('message_id');
    t.text('in_reply_to');
    t.text('references');
    t.text('from_address');
    t.text('to_addresses');
    t.text('subject');
    t.text('text');
    t.string('at', 32).notNullable();
    t.integer('inbound_id');
    t.integer('outbox_id');
    t.index(['case_id']);
    t.index(['message_id']);
  });

  await knex.schema.createTable('attachments', (t) => {
    t.increments('id').primary();
    t.integer('message_id').notNullable().references('messages.id');
    t.text('safe_name').notNullable();
    t.text('content_type').notNullable();
    t.integer('size').notNullable();
    t.string('sha256', 64).notNullable();
    t.binary('content');
    t.text('dropped_reason');
  });

  await knex.schema.createTable('history', (t) => {
    t.increments('id').primary();
    t.integer('case_id').notNullable().references('cases.id');
    t.string('at', 32).notNullable();
    t.string('event', 64).notNullable();
    t.text('actor').notNullable();
    t.text('reason').notNullable();
    t.text('details');
    t.index(['case_id']);
  });

  await knex.schema.createTable('outbox', (t) => {
    t.increments('id').primary();
    t.integer('case_id').references('cases.id');
    t.string('kind', 32).notNullable();
    // Fixed when the letter is queued, so a retry re-sends the same letter.
    t.string('message_id', 1000).notNullable().unique();
    t.string('envelope_from', 320).notNullable();
    t.text('envelope_to').notNullable();
    t.text('subject').notNullable();
    t.binary('raw').notNullable();
    // queued -> sending -> sent | retry_wait | failed
    t.string('status', 16).notNullable();
    t.integer('attempts').notNullable().defaultTo(0);
    t.string('next_attempt_at', 32).notNullable();
    t.text('last_error');
    t.text('smtp_response');
    t.string('created_at', 32).notNullable();
    t.string('sent_at', 32);
    t.index(['status', 'next_attempt_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['outbox', 'history', 'attachments', 'messages', 'cases', 'case_sequence', 'inbound', 'mailbox_state']) {
    await knex.schema.dropTableIfExists(table);
  }
}

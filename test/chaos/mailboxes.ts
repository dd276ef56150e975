// The mailbox side of the chaos run: appending to the complaints mailbox over one IMAP connection
// that survives Dovecot's restart, and reading what clients and staff received (envelopes only).
import { ImapFlow } from 'imapflow';
import { caseTagsIn } from '../../src/cases/case-number';
import { MAILSTACK, address, withImap } from '../support/mailstack';
import type { Ack } from './mail-mix';

// The shipped default case-number prefix (cases.numberPrefix), which the chaos run keeps.
const PREFIX = 'CMP';

function connect(user: string): ImapFlow {
  const client = new ImapFlow({
    host: MAILSTACK.host, port: MAILSTACK.imapPort, secure: false, doSTARTTLS: false,
    auth: { user: address(user), pass: MAILSTACK.password }, logger: false, disableAutoIdle: true, connectionTimeout: 5000, greetingTimeout: 5000,
  });
  client.on('error', () => undefined);
  return client;
}

/** APPENDs to the complaints INBOX, reconnecting while the server is away (up to 60 s per message). */
export class Appender {
  private client: ImapFlow | null = null;
  /** Appends answered by an error and tried again: the first may have been stored all the same. */
  retried = 0;

  async append(raw: Buffer): Promise<void> {
    const deadline = Date.now() + 60_000;
    for (;;) {
      try {
        if (!this.client || !this.client.usable) {
          this.client?.close();
          this.client = connect('complaints');
          await this.client.connect();
        }
        const done = await this.client.append('INBOX', raw);
        if (!done) throw new Error('APPEND refused');
        return;
      } catch (err) {
        this.client?.close();
        this.client = null;
        if (Date.now() > deadline) throw err;
        this.retried += 1;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  }

  async close(): Promise<void> {
    await this.client?.logout().catch(() => this.client?.close());
    this.client = null;
  }
}

export interface Received {
  messageId: string;
  subject: string;
  inReplyTo: string;
}

/** Every message in one of the user's folders, envelope only (the Message-ID without brackets). */
export async function envelopes(user: string, mailbox: string): Promise<Received[]> {
  return withImap(user, async (client) => {
    const lock = await client.getMailboxLock(mailbox, { readOnly: true });
    try {
      if (!client.mailbox || client.mailbox.exists === 0) return [];
      const found = await client.fetchAll('1:*', { envelope: true });
      return found.map((m) => ({ messageId: bare(m.envelope?.messageId), subject: m.envelope?.subject ?? '', inReplyTo: bare(m.envelope?.inReplyTo) }));
    } finally {
      lock.release();
    }
  });
}

/**
 * The Postfix queue ids of every copy of one message in the user's INBOX. One id for two copies
 * means the daemon handed the letter over once and the server delivered it twice (its delivery
 * agent killed between Dovecot's "Saved" and recording it); two ids mean it was sent twice.
 */
export async function queueIdsOf(user: string, messageId: string): Promise<string[]> {
  return withImap(user, async (client) => {
    const lock = await client.getMailboxLock('INBOX', { readOnly: true });
    try {
      const uids = await client.search({ header: { 'message-id': messageId } }, { uid: true });
      if (!uids || uids.length === 0) return [];
      const found = await client.fetchAll(uids.join(','), { headers: ['received'] }, { uid: true });
      return found.map((m) => postfixQueueId(m.headers?.toString('utf8') ?? '') ?? `unknown-${m.uid}`);
    } finally {
      lock.release();
    }
  });
}

/** The queue id in the Received line our Postfix added ("by mail.example.test (Postfix) with ESMTP id 2D5E420D01C"). */
export function postfixQueueId(headers: string): string | null {
  return /\(Postfix\) with E?SMTPS?A? id ([0-9A-Za-z]+)/.exec(headers.replace(/\r?\n[ \t]+/g, ' '))?.[1] ?? null;
}

export async function countMessages(user: string, mailbox: string): Promise<number> {
  return withImap(user, async (client) => {
    const status = await client.status(mailbox, { messages: true });
    if (!status) throw new Error(`STATUS ${mailbox} of ${user} was refused`);
    return status.messages ?? 0;
  });
}

function bare(id: string | undefined): string {
  return (id ?? '').trim().replace(/^<|>$/g, '');
}

/** The acknowledgements clients have received so far: what their follow-ups and bounces refer to. */
export class AckTracker {
  private readonly acks = new Map<string, Ack>();

  constructor(private readonly clients: readonly string[]) {}

  async refresh(): Promise<void> {
    for (const client of this.clients) {
      for (const m of await envelopes(client, 'INBOX').catch(() => [])) {
        const tag = caseTagOf(m.subject);
        if (tag && !this.acks.has(m.messageId)) this.acks.set(m.messageId, { client, caseNumber: tag, messageId: m.messageId, subject: m.subject });
      }
    }
  }

  all(): Ack[] {
    return [...this.acks.values()];
  }
}

export function caseTagOf(subject: string): string | null {
  return caseTagsIn(subject, PREFIX)[0] ?? null;
}

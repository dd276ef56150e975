// Tests talk to the real loopback mail stack (scripts/mailstack) through this module, so each test says
// what it sends and expects instead of repeating SMTP/IMAP plumbing, and every test agrees on where the
// stack listens. The same MAILSTACK_* variables drive the script, so overriding one moves both.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ImapFlow } from 'imapflow';
import nodemailer from 'nodemailer';

function portFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`${name}=${raw} is not a port`);
  return port;
}

export const MAILSTACK = {
  // 127.0.0.1, not localhost: where localhost resolves to ::1 first, the servers are not there.
  host: process.env.MAILSTACK_HOST || '127.0.0.1',
  imapPort: portFromEnv('MAILSTACK_IMAP_PORT', 3143),
  smtpPort: portFromEnv('MAILSTACK_SMTP_PORT', 2525),
  lmtpPort: portFromEnv('MAILSTACK_LMTP_PORT', 2424),
  password: process.env.MAILSTACK_PASSWORD || 'complaintd-test',
  domain: 'example.test',
  /** Where scripts/mailstack keeps the servers' files (MAILSTACK_ROOT); Postfix's queue is under postfix/spool. */
  root: process.env.MAILSTACK_ROOT || '/tmp/complaintd-mailstack',
} as const;

/** Postfix's queue folders (scripts/mailstack's POSTFIX_SPOOL), for a bench that waits for the queue to empty. */
export const POSTFIX_SPOOL = path.join(MAILSTACK.root, 'postfix', 'spool');
/** Postfix accepts mail for this domain and bounces it (Dovecot has no such users): a real DSN comes back to the envelope sender. */
export const UNDELIVERABLE_DOMAIN = 'undeliverable.example.test';
export const NAMED_USERS = ['complaints', 'client1', 'client2', 'client3', 'staff1', 'staff2', 'supervisor', 'admin', 'quality', 'delivery', 'refunds', 'billing', 'care', 'support', 'privacy', 'legal'] as const;
export const POOL_USERS = Array.from({ length: 20 }, (_, i) => `box${String(i + 1).padStart(2, '0')}`);

const SCRIPT = path.resolve(__dirname, '../../scripts/mailstack');

/** `client1` and `client1@example.test` name the same mailbox user. */
export function address(user: string): string {
  return user.includes('@') ? user : `${user}@${MAILSTACK.domain}`;
}

// Dovecot keeps the stderr it was started with open for its whole life, so a piped child never
// reaches 'close' and a pipe-reading caller hangs; the script's output goes to a file instead and is
// only read back to explain a failure.
async function runMailstack(args: string[]): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'complaintd-mailstack-run-'));
  const logPath = path.join(dir, 'output.log');
  const fd = fs.openSync(logPath, 'w');
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn('bash', [SCRIPT, ...args], { stdio: ['ignore', fd, fd] });
      child.once('error', reject);
      child.once('exit', (exitCode, signal) => resolve(signal ? null : exitCode));
    });
    if (code !== 0) {
      const output = fs.readFileSync(logPath, 'utf8').split('\n').slice(-40).join('\n');
      throw new Error(`scripts/mailstack ${args.join(' ')} failed (exit ${code ?? 'by signal'}):\n${output}`);
    }
  } finally {
    fs.closeSync(fd);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Starts the stack unless it is already healthy (then it costs ~30 ms). The first start on a
 * machine without Dovecot/Postfix installs them, so give the calling hook a generous timeout. */
export async function ensureMailstack(): Promise<void> {
  await runMailstack(['start']);
}

/** Stops Dovecot and Postfix, for tests of what the daemon does while its servers are away. */
export async function stopMailstack(): Promise<void> {
  await runMailstack(['stop']);
}

/** Stops and starts one server while the other keeps running: the daemon's connections to it drop. */
export async function restartServer(server: 'dovecot' | 'postfix'): Promise<void> {
  await runMailstack([`restart-${server}`]);
}

/** Has Postfix retry its deferred mail now instead of after its backoff. */
export async function flushQueue(): Promise<void> {
  await runMailstack(['flush']);
}

/** While on, Postfix answers every recipient with 450 (a relay that says "try again later"). */
export async function refuseMail(on: boolean): Promise<void> {
  await runMailstack(['refuse', on ? 'on' : 'off']);
}

/** Empties every mailbox of every user (or only of `users`), after Postfix's queue has drained so
 * nothing sent earlier lands afterwards. */
export async function resetMailboxes(...users: string[]): Promise<void> {
  await runMailstack(['reset', ...users.map(address)]);
}

let nextPoolIndex = 0;

/** A pool user with every mailbox empty, for tests that must not see each other's mail. The pool is
 * reused round-robin within one mocha process; that is safe because each hand-out empties it, but
 * not under `mocha --parallel`, where workers would hand out the same boxes. */
export async function freshUser(): Promise<string> {
  const user = address(POOL_USERS[nextPoolIndex % POOL_USERS.length] as string);
  nextPoolIndex += 1;
  await resetMailboxes(user);
  return user;
}

export interface Letter {
  subject?: string;
  text?: string;
  headers?: Record<string, string>;
  /** Fixed Message-ID / threading headers; angle brackets are added when missing. */
  messageId?: string;
  inReplyTo?: string;
  references?: string | string[];
  /** A complete RFC 5322 message sent as is; every other field is then ignored. */
  raw?: Buffer;
}

export interface SentLetter {
  messageId: string;
  accepted: string[];
  rejected: string[];
  response: string;
}

/** Submits through Postfix without authentication: it accepts from 127.0.0.0/8 (mynetworks) and
 * rejects unknown users (550) and other domains (554) at RCPT, which nodemailer raises as an error
 * with `responseCode` and `command: 'RCPT TO'`. */
export async function sendMail(from: string, to: string | string[], letter: Letter): Promise<SentLetter> {
  const recipients = (Array.isArray(to) ? to : [to]).map(address);
  const transport = nodemailer.createTransport({
    host: MAILSTACK.host,
    port: MAILSTACK.smtpPort,
    secure: false,
    ignoreTLS: true,
    connectionTimeout: 5000,
    greetingTimeout: 5000,
    socketTimeout: 10000,
  });
  try {
    const message = letter.raw
      ? { envelope: { from: address(from), to: recipients }, raw: letter.raw }
      : {
          from: address(from),
          to: recipients,
          subject: letter.subject,
          text: letter.text,
          headers: letter.headers,
          messageId: letter.messageId,
          inReplyTo: letter.inReplyTo,
          references: letter.references,
        };
    const info = await transport.sendMail(message);
    return {
      messageId: String(info.messageId ?? ''),
      accepted: info.accepted.map(String),
      rejected: info.rejected.map(String),
      response: String(info.response ?? ''),
    };
  } finally {
    transport.close();
  }
}

export async function withImap<T>(user: string, work: (client: ImapFlow) => Promise<T>): Promise<T> {
  const client = new ImapFlow({
    host: MAILSTACK.host,
    port: MAILSTACK.imapPort,
    secure: false,
    doSTARTTLS: false,
    auth: { user: address(user), pass: MAILSTACK.password },
    logger: false,
    // A short-lived helper connection never needs IDLE; autoIdle would only delay logout.
    disableAutoIdle: true,
    connectionTimeout: 5000,
    greetingTimeout: 5000,
  });
  // ImapFlow emits 'error' on socket failures; with no listener Node turns that into an uncaught
  // exception that kills the whole mocha run. The pending command rejects anyway, which is what the
  // test sees.
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.logout().catch(() => client.close());
  }
}

/** IMAP APPEND as the user; returns the new UID (Dovecot supports UIDPLUS, so it is always known). */
export async function appendRaw(user: string, mailbox: string, raw: Buffer): Promise<number | undefined> {
  return withImap(user, async (client) => {
    const result = await client.append(mailbox, raw);
    if (!result) throw new Error(`APPEND to ${mailbox} of ${address(user)} was refused`);
    return result.uid;
  });
}

export interface ListedMessage {
  uid: number;
  subject: string | undefined;
  /** '' when the message has no Message-ID header. */
  messageId: string;
  inReplyTo: string | undefined;
  /** Message-IDs from the References header, oldest first; empty when there is none. */
  references: string[];
  source: Buffer;
}

function parseReferences(headers: Buffer | undefined): string[] {
  if (!headers) return [];
  const unfolded = headers.toString('utf8').replace(/\r?\n[ \t]+/g, ' ');
  const value = /^references:(.*)$/im.exec(unfolded)?.[1] ?? '';
  return value.match(/<[^<>\s]+>/g) ?? [];
}

/** Every message in the mailbox, oldest UID first, with its raw source. */
export async function listMessages(user: string, mailbox: string): Promise<ListedMessage[]> {
  return withImap(user, async (client) => {
    const lock = await client.getMailboxLock(mailbox, { readOnly: true });
    try {
      // FETCH 1:* on an empty mailbox is an error, not an empty answer.
      if (!client.mailbox || client.mailbox.exists === 0) return [];
      const messages = await client.fetchAll('1:*', { uid: true, envelope: true, source: true, headers: ['references'] });
      return messages
        .map((message) => ({
          uid: message.uid,
          subject: message.envelope?.subject,
          messageId: message.envelope?.messageId ?? '',
          inReplyTo: message.envelope?.inReplyTo,
          references: parseReferences(message.headers),
          source: message.source ?? Buffer.alloc(0),
        }))
        .sort((a, b) => a.uid - b.uid);
    } finally {
      lock.release();
    }
  });
}

export interface WaitOptions {
  /** Named in the timeout error, e.g. "the acknowledgement in client1's INBOX". */
  what: string;
  timeoutMs?: number;
  intervalMs?: number;
}

/** Polls until `predicate` returns something truthy and returns it. Delivery time varies with load
 * (~50 ms idle, seconds on a busy CI box), so tests poll instead of sleeping a guessed amount. A
 * predicate that throws counts as "not yet"; its last error is reported if time runs out. */
export async function waitFor<T>(
  predicate: () => Promise<T | false | null | undefined>,
  { what, timeoutMs = 10000, intervalMs = 50 }: WaitOptions,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await predicate();
      if (value) return value;
      lastError = undefined;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() >= deadline) {
      const cause = lastError instanceof Error ? `; last error: ${lastError.message}` : '';
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${cause}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

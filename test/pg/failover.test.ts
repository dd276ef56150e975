// Three instances on one PostgreSQL database and two intake folders: each folder is read by one
// instance at a time, the holder is killed with SIGKILL mid-run and later its successor too, and in
// the end every message was handled once and every acknowledgement sent once. The size is
// FAILOVER_MESSAGES (npm run test:failover runs 1,000; npm test a smaller run).
import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';
import { ensureMailstack, resetMailboxes, sendMail, appendRaw, listMessages, waitFor, withImap, POOL_USERS, address } from '../support/mailstack';
import { testInstance, removeInstances, type TestInstance } from '../support/daemon-harness';
import { rawMail } from '../support/raw-mail';
import { openStore, migrateLatest } from '../../src/store/db';
import { listLeases, type LeaseRow } from '../../src/store/lease-repo';

const MESSAGES = Number(process.env.FAILOVER_MESSAGES || 90);
const SECOND_FOLDER = 'Claims';
const LEASES = { ttlSeconds: 3, renewSeconds: 1, standbySeconds: 1 };
// Letters a killed instance had claimed wait this long for it before another instance settles them
// (by their journal copy, or by sending them): 5 minutes by default, shortened here as for failover.
// A claimed letter that had not reached the server then waits the journal grace for a copy that
// never comes (120 s by default, longer than this test waits): shortened too, as the chaos test does.
const SMTP = { claimTimeoutMs: 10_000, journal: { graceSeconds: 15 } };
// Time for a letter the killed holder had in hand: its claim runs out, the grace passes, it is sent.
const SETTLE_MS = SMTP.claimTimeoutMs + SMTP.journal.graceSeconds * 1000 + 30_000;

interface Node {
  name: string;
  instance: TestInstance;
  child: ChildProcess | null;
}

const exited = (child: ChildProcess): Promise<void> =>
  child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', () => resolve()));

async function count(db: Knex, table: string, where: Record<string, unknown> = {}): Promise<number> {
  return Number(((await db(table).where(where).count({ n: '*' })) as Array<{ n: number | string }>)[0]!.n);
}

describe('several instances on one PostgreSQL database', () => {
  before(async function () {
    if (process.env.COMPLAINTD_TEST_STORE !== 'pg') throw new Error('test/pg runs with COMPLAINTD_TEST_STORE=pg (scripts/test does so)');
    await ensureMailstack();
  });
  afterEach(() => removeInstances());

  it('three instances share two folders; killing the intake holder twice loses nothing and doubles nothing', async function () {
    this.timeout(Math.max(300_000, MESSAGES * 1_000));
    await resetMailboxes('complaints', ...POOL_USERS);
    await withImap('complaints', async (client) => {
      await client.mailboxCreate(SECOND_FOLDER).catch(() => undefined);
    });
    const first = testInstance({
      instance: { name: 'node-1' }, leases: LEASES, smtp: SMTP, imap: { mailboxes: [SECOND_FOLDER] },
      mail: { autoLetterCeiling: { perRecipientPerHour: 0, perRecipientPerDay: 0, globalPerHour: 0 } },
    });
    const store = first.config.store;
    const nodes: Node[] = [first, ...['node-2', 'node-3'].map((name) => testInstance({
      instance: { name }, leases: LEASES, smtp: SMTP, imap: { mailboxes: [SECOND_FOLDER] }, store,
      mail: { autoLetterCeiling: { perRecipientPerHour: 0, perRecipientPerDay: 0, globalPerHour: 0 } },
    }))].map((instance) => ({ name: instance.config.instance.name, instance, child: null }));
    const db = openStore(store);
    await migrateLatest(db);
    const start = (node: Node): void => {
      const child = spawn(process.execPath, ['-r', 'tsx/cjs', path.resolve(__dirname, '../support/cli-entry.ts'), 'start', '-c', node.instance.configFile], {
        cwd: path.resolve(__dirname, '../..'),
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      child.stderr?.pipe(createWriteStream(path.join(node.instance.dir, 'daemon.log'), { flags: 'a' }));
      node.child = child;
    };
    const held = async (): Promise<LeaseRow[]> => (await listLeases(db)).filter((l) => Date.parse(l.expiresAt) > Date.now());
    const holderOf = async (folder: string): Promise<LeaseRow | undefined> => (await held()).find((l) => l.name.endsWith(`/${folder}`));
    /** Kills the INBOX holder and measures how long until another instance holds the folder. */
    const killHolder = async (): Promise<{ killed: string; successor: string; failoverMs: number }> => {
      const lease = await waitFor(() => holderOf('INBOX'), { what: 'an INBOX holder', timeoutMs: 30_000 });
      const node = nodes.find((n) => lease.holder.startsWith(`${n.name}@`))!;
      const killedAt = Date.now();
      node.child!.kill('SIGKILL');
      await exited(node.child!);
      node.child = null;
      const next = await waitFor(async () => {
        const now = await holderOf('INBOX');
        return now && now.generation > lease.generation ? now : null;
      }, { what: 'another instance taking INBOX over', timeoutMs: 30_000, intervalMs: 100 });
      return { killed: node.name, successor: next.holder, failoverMs: Date.now() - killedAt };
    };

    try {
      for (const node of nodes) start(node);
      await waitFor(async () => ((await held()).length === 2 ? true : null), { what: 'both folders held', timeoutMs: 60_000 });
      const subjects: string[] = [];
      const sendOne = async (i: number): Promise<void> => {
        const user = POOL_USERS[i % POOL_USERS.length]!;
        const subject = `Failover ${i}: ${i % 2 ? 'refund please' : 'верните деньги'}`;
        subjects.push(subject);
        if (i % 2 === 0) await sendMail(user, 'complaints@example.test', { subject, text: `Претензия ${i}: прошу вернуть деньги за заказ ${i}.` });
        else await appendRaw('complaints', SECOND_FOLDER, rawMail({ from: address(user), subject, body: `Complaint ${i}: please refund order ${i}.` }));
      };
      const kills: Array<{ killed: string; successor: string; failoverMs: number }> = [];
      const third = Math.floor(MESSAGES / 3);
      for (let i = 0; i < MESSAGES; i++) {
        await sendOne(i);
        if (i === third || i === 2 * third) kills.push(await killHolder());
      }
      await waitFor(async () => ((await count(db, 'outbox', { kind: 'acknowledgement', status: 'sent' })) >= MESSAGES ? true : null), {
        what: `${MESSAGES} acknowledgements sent`, timeoutMs: Math.max(MESSAGES * 1_000, SETTLE_MS), intervalMs: 500,
      }).catch(async (err: unknown) => {
        // What was left where, for the one reading a failed run.
        const by = async (table: string): Promise<unknown> => db(table).select('status').count({ n: '*' }).groupBy('status');
        console.log('      ledger', JSON.stringify(await by('inbound')), 'outbox', JSON.stringify(await by('outbox')), 'leases', JSON.stringify(await listLeases(db)));
        for (const node of nodes) {
          const log = readFileSync(path.join(node.instance.dir, 'daemon.log'), 'utf8').split('\n').filter((l) => /"level":"(error|warn)"/.test(l));
          console.log(`      ${node.name}: ${log.length} warnings/errors; last: ${log.slice(-5).join('\n        ')}`);
        }
        throw err;
      });
      // The journal copies of our letters come back into INBOX; they are done once recorded.
      await waitFor(async () => ((await count(db, 'inbound', { status: 'pending' })) === 0 ? true : null), { what: 'the ledger drained', timeoutMs: 120_000, intervalMs: 500 });
      const acks = (await Promise.all(POOL_USERS.map((u) => listMessages(u, 'INBOX')))).flat();
      const perSubject = new Map<string, number>();
      for (const m of acks) {
        const original = subjects.find((s) => m.subject?.endsWith(s));
        if (original) perSubject.set(original, (perSubject.get(original) ?? 0) + 1);
      }
      const duplicates = [...perSubject.values()].filter((n) => n > 1).length;
      const missing = subjects.filter((s) => !perSubject.has(s)).length;
      const ledger = (await db('inbound').select('status')) as Array<{ status: string }>;
      console.log(`      failover: ${MESSAGES} messages, ${kills.length} kills, ${kills.map((k) => `${k.killed} -> ${k.successor.split('@')[0]} in ${k.failoverMs} ms`).join(', ')}; `
        + `acknowledgements ${acks.length}, duplicates ${duplicates}, missing ${missing}`);
      expect(kills).to.have.length(2);
      expect(ledger.filter((r) => r.status === 'pending')).to.have.length(0);
      expect(ledger.filter((r) => r.status === 'registered')).to.have.length(MESSAGES);
      expect(await count(db, 'cases')).to.equal(MESSAGES);
      expect(duplicates).to.equal(0);
      expect(missing).to.equal(0);
      expect(acks.filter((m) => subjects.some((s) => m.subject?.endsWith(s)))).to.have.length(MESSAGES);
      const numbers = ((await db('cases').select('number')) as Array<{ number: string }>).map((r) => Number(r.number.split('-')[2])).sort((a, b) => a - b);
      expect(numbers).to.deep.equal(Array.from({ length: MESSAGES }, (_, i) => i + 1));
    } finally {
      for (const node of nodes) {
        if (node.child) {
          node.child.kill('SIGKILL');
          await exited(node.child);
        }
      }
      await db.destroy();
    }
  });
});

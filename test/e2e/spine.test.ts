import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';
import { ensureMailstack, resetMailboxes, sendMail, appendRaw, listMessages, waitFor } from '../support/mailstack';
import { testInstance, startDaemon, type TestInstance } from '../support/daemon-harness';
import { rawMail, uniqueId } from '../support/raw-mail';
import { openStore, migrateLatest } from '../../src/store/db';
import type { Runtime } from '../../src/main';

async function count(db: Knex, table: string, where: Record<string, unknown> = {}): Promise<number> {
  const row = (await db(table).where(where).count({ n: '*' }).first()) as { n: number | string } | undefined;
  return Number(row?.n ?? 0);
}

/** What became of each message that was not the journal copy of one of our own letters. */
async function inboundStatuses(db: Knex): Promise<string[]> {
  return ((await db('inbound').whereNot({ status: 'own_copy' }).orderBy('id').select('status')) as Array<{ status: string }>).map((r) => r.status);
}

describe('the spine, end to end on the real mail stack', function () {
  this.timeout(120_000);
  let instance: TestInstance;
  let daemon: (Runtime & { logs: string[] }) | null = null;

  before(async () => ensureMailstack());
  beforeEach(async () => {
    await resetMailboxes();
    instance = testInstance();
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && daemon) process.stderr.write(daemon.logs.slice(-40).join(''));
    await daemon?.close();
    daemon = null;
    instance.remove();
  });

  it('a complaint sent by SMTP becomes one case and one threaded acknowledgement in the client\'s INBOX', async () => {
    daemon = await startDaemon(instance);
    const messageId = uniqueId('complaint');
    await sendMail('client1', 'complaints@example.test', { subject: 'Не вернули деньги', text: 'Прошу вернуть деньги за заказ 123.', messageId });
    const acks = await waitFor(async () => {
      const msgs = await listMessages('client1', 'INBOX');
      return msgs.length > 0 ? msgs : null;
    }, { timeoutMs: 30_000, what: 'the acknowledgement in client1 INBOX' });
    expect(acks).to.have.length(1);
    const ack = acks[0]!;
    const number = `CMP-${new Date().getFullYear()}-000001`;
    expect(ack.subject).to.equal(`[${number}] Не вернули деньги`);
    expect(ack.inReplyTo).to.equal(`<${messageId}>`);
    expect(ack.source.toString()).to.match(/^Auto-Submitted: auto-replied/m);
    expect(ack.source.toString('utf8')).to.contain(number);
    expect(await count(daemon.db, 'cases')).to.equal(1);
    const staff = await waitFor(async () => ((await listMessages('staff1', 'INBOX')).length > 0 ? listMessages('staff1', 'INBOX') : null), { timeoutMs: 20_000, what: 'the staff announcement' });
    expect(staff[0]?.subject).to.contain(number);
    await waitFor(async () => ((await listMessages('complaints', 'Processed')).length === 1 ? true : null), { timeoutMs: 20_000, what: 'the complaint moved to Processed' });
    // The journal copies of both letters pass through INBOX on their way to Sent.
    const sent = await count(daemon.db, 'outbox');
    await waitFor(async () => ((await listMessages('complaints', 'INBOX')).length === 0 && (await listMessages('complaints', 'Sent')).length === sent ? true : null), { timeoutMs: 20_000, what: 'INBOX emptied, the journal copies in Sent' });
  });

  it('the client\'s reply to the acknowledgement is a follow-up on the same case and gets no letter', async () => {
    daemon = await startDaemon(instance);
    await sendMail('client1', 'complaints@example.test', { subject: 'Брак', text: 'Товар пришёл сломанным.' });
    const [ack] = await waitFor(async () => ((await listMessages('client1', 'INBOX')).length > 0 ? listMessages('client1', 'INBOX') : null), { timeoutMs: 30_000, what: 'the acknowledgement' });
    const ackId = ack!.messageId.replace(/^<|>$/g, '');
    await sendMail('client1', 'complaints@example.test', { subject: `Re: ${ack!.subject}`, text: 'Прикладываю фото.', inReplyTo: `<${ackId}>`, references: `<${ackId}>` });
    await waitFor(async () => ((await inboundStatuses(daemon!.db)).includes('follow_up') ? true : null), { timeoutMs: 30_000, what: 'the follow-up to be processed' });
    expect(await count(daemon.db, 'cases')).to.equal(1);
    expect(await count(daemon.db, 'messages', { kind: 'follow_up', case_id: 1 })).to.equal(1);
    expect(await count(daemon.db, 'outbox', { kind: 'acknowledgement' })).to.equal(1);
    expect(await listMessages('client1', 'INBOX')).to.have.length(1);
  });

  it('the same message appended twice gives no second case and no second letter', async () => {
    daemon = await startDaemon(instance);
    const raw = rawMail({ from: 'client2@example.test', messageId: uniqueId('twice') });
    await appendRaw('complaints', 'INBOX', raw);
    await appendRaw('complaints', 'INBOX', raw);
    await waitFor(async () => {
      const s = await inboundStatuses(daemon!.db);
      return s.length === 2 && !s.includes('pending') ? s : null;
    }, { timeoutMs: 30_000, what: 'both copies processed' });
    expect(await inboundStatuses(daemon.db)).to.deep.equal(['registered', 'duplicate']);
    await waitFor(async () => ((await count(daemon!.db, 'outbox', { status: 'sent' })) === (await count(daemon!.db, 'outbox')) ? true : null), { timeoutMs: 20_000, what: 'letters sent' });
    expect(await count(daemon.db, 'cases')).to.equal(1);
    expect(await listMessages('client2', 'INBOX')).to.have.length(1);
  });

  it('mail that arrived while the daemon was stopped is processed when it starts', async () => {
    for (const n of [1, 2, 3]) await sendMail('client3', 'complaints@example.test', { subject: `Жалоба ${n}`, text: 'Курьер не привёз заказ.' });
    await waitFor(async () => ((await listMessages('complaints', 'INBOX')).length === 3 ? true : null), { timeoutMs: 20_000, what: 'three complaints delivered' });
    daemon = await startDaemon(instance);
    await waitFor(async () => ((await listMessages('client3', 'INBOX')).length === 3 ? true : null), { timeoutMs: 30_000, what: 'three acknowledgements' });
    expect(await count(daemon.db, 'cases')).to.equal(3);
  });

  it('an auto-reply is recorded but never acknowledged', async () => {
    daemon = await startDaemon(instance);
    await sendMail('client2', 'complaints@example.test', { subject: 'Автоответ: в отпуске', text: 'Я в отпуске до понедельника.', headers: { 'Auto-Submitted': 'auto-replied' } });
    await sendMail('client1', 'complaints@example.test', { subject: 'Обычная претензия', text: 'Верните деньги.' });
    await waitFor(async () => ((await listMessages('client1', 'INBOX')).length === 1 ? true : null), { timeoutMs: 30_000, what: 'the acknowledgement of the real complaint' });
    await waitFor(async () => ((await inboundStatuses(daemon!.db)).includes('automated') ? true : null), { timeoutMs: 10_000, what: 'the auto-reply recorded' });
    // Queuing is in the same transaction as the decision, so the outbox is final here.
    expect(await count(daemon.db, 'outbox', { envelope_to: 'client2@example.test' })).to.equal(0);
    expect(await listMessages('client2', 'INBOX')).to.have.length(0);
    expect(await count(daemon.db, 'cases')).to.equal(1);
  });

  it('a message the parser cannot handle ends in Quarantine with its reason and the daemon goes on', async () => {
    daemon = await startDaemon(instance);
    // Multiparts nested 3,000 deep: past mailparser's part limit, so parsing fails rather than recursing.
    let open = '';
    let close = '';
    for (let i = 0; i < 3000; i++) {
      open += `Content-Type: multipart/mixed; boundary=b${i}\r\n\r\n--b${i}\r\n`;
      close = `\r\n--b${i}--\r\n${close}`;
    }
    await appendRaw('complaints', 'INBOX', Buffer.from(`From: client2@example.test\r\nSubject: nested\r\n${open}Content-Type: text/plain\r\n\r\nhi${close}`));
    await sendMail('client1', 'complaints@example.test', { subject: 'После карантина', text: 'Верните деньги.' });
    await waitFor(async () => ((await listMessages('complaints', 'Quarantine')).length === 1 ? true : null), { timeoutMs: 30_000, what: 'the bad message in Quarantine' });
    const row = (await daemon.db('inbound').where({ status: 'quarantined' }).first()) as { reason: string } | undefined;
    expect(row?.reason).to.equal('unreadable MIME: Max allowed child nodes exceeded');
    await waitFor(async () => ((await listMessages('client1', 'INBOX')).length === 1 ? true : null), { timeoutMs: 30_000, what: 'the next complaint acknowledged' });
    expect(await listMessages('client2', 'INBOX')).to.have.length(0);
  });

  it('a daemon restarted in the middle of a batch of 50 ends with 50 cases and 50 letters, no duplicates', async function () {
    this.timeout(240_000);
    // Three clients writing 50 complaints in a minute is a loop by the ceiling on automatic letters;
    // this test is about exactly-once across a restart, so every one of them is acknowledged.
    instance = testInstance({ mail: { autoLetterCeiling: { perRecipientPerHour: 0, perRecipientPerDay: 0, globalPerHour: 0 } } });
    const logFile = path.join(instance.dir, 'daemon.log');
    const startChild = (): ChildProcess => {
      const child = spawn(process.execPath, ['-r', 'tsx/cjs', path.resolve(__dirname, '../support/cli-entry.ts'), 'start', '-c', instance.configFile], {
        cwd: path.resolve(__dirname, '../..'),
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      child.stderr?.pipe(createWriteStream(logFile, { flags: 'a' }));
      return child;
    };
    const exited = (child: ChildProcess): Promise<number | null> =>
      child.exitCode !== null || child.signalCode !== null ? Promise.resolve(child.exitCode) : new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    const db = openStore(instance.config.store);
    await migrateLatest(db);
    let child: ChildProcess | null = null;
    try {
      child = startChild();
      const clients = ['client1', 'client2', 'client3'];
      // The batch is still arriving when the daemon is stopped: it registers mail as fast as it comes,
      // so a stop after the last send would find nothing left to do.
      const sending = (async () => {
        for (let i = 0; i < 50; i++) await sendMail(clients[i % 3]!, 'complaints@example.test', { subject: `Партия ${i}`, text: `Претензия номер ${i}: верните деньги.` });
      })();
      await waitFor(async () => ((await count(db, 'cases')) >= 5 ? true : null), { timeoutMs: 60_000, what: 'the first cases of the batch' });
      child.kill('SIGTERM');
      expect(await exited(child)).to.equal(0);
      await sending;
      // The restart must really fall in the middle of the batch, or this test proves nothing.
      expect(await count(db, 'cases')).to.be.within(1, 49);
      child = startChild();
      await waitFor(async () => ((await count(db, 'outbox', { kind: 'acknowledgement', status: 'sent' })) === 50 ? true : null), { timeoutMs: 120_000, what: '50 acknowledgements sent' });
      const inboxes = await Promise.all(clients.map((c) => waitFor(async () => {
        const msgs = await listMessages(c, 'INBOX');
        return msgs.length >= (c === 'client1' || c === 'client2' ? 17 : 16) ? msgs : null;
      }, { timeoutMs: 30_000, what: `acknowledgements in ${c}` })));
      child.kill('SIGTERM');
      await exited(child);
      const all = inboxes.flat();
      expect(all).to.have.length(50);
      expect(new Set(all.map((m) => m.inReplyTo)).size).to.equal(50);
      expect(await count(db, 'cases')).to.equal(50);
      const numbers = ((await db('cases').select('number')) as Array<{ number: string }>).map((r) => Number(r.number.split('-')[2]));
      expect(numbers.sort((a, b) => a - b)).to.deep.equal(Array.from({ length: 50 }, (_, i) => i + 1));
    } finally {
      // A failed assertion must not leave a daemon running against the next test's mailboxes.
      if (child && child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await exited(child);
      }
      await db.destroy();
    }
  });
});


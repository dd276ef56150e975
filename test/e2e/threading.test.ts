import { expect } from 'chai';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Knex } from 'knex';
import { ensureMailstack, resetMailboxes, sendMail, listMessages, waitFor, type ListedMessage } from '../support/mailstack';
import { testInstance, startDaemon, removeInstances, type TestInstance } from '../support/daemon-harness';
import type { Runtime } from '../../src/main';

const root = path.resolve(__dirname, '../..');
const run = promisify(execFile);

async function count(db: Knex, table: string, where: Record<string, unknown> = {}): Promise<number> {
  const row = (await db(table).where(where).count({ n: '*' }).first()) as { n: number | string } | undefined;
  return Number(row?.n ?? 0);
}

function header(msg: ListedMessage, name: string): string {
  const unfolded = msg.source.toString('utf8').split(/\r?\n\r?\n/)[0]?.replace(/\r?\n[ \t]+/g, ' ') ?? '';
  return new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(unfolded)?.[1]?.trim() ?? '';
}

describe('every letter finds its case, end to end on the real mail stack', function () {
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
    removeInstances();
  });

  /** client1 complains and waits for the acknowledgement in its INBOX. */
  async function complain(subject = 'Не вернули деньги', user = 'client1'): Promise<ListedMessage> {
    await sendMail(user, 'complaints@example.test', { subject, text: 'Прошу вернуть деньги за заказ 123, прошло уже три недели.' });
    const [ack] = await waitFor(async () => {
      const msgs = await listMessages(user, 'INBOX');
      return msgs.length > 0 ? msgs : null;
    }, { timeoutMs: 30_000, what: `the acknowledgement in ${user}'s INBOX` });
    return ack as ListedMessage;
  }

  async function processed(n: number): Promise<void> {
    await waitFor(async () => {
      const rows = (await daemon!.db('inbound').whereNot({ status: 'own_copy' }).select('status')) as Array<{ status: string }>;
      return rows.length >= n && rows.every((r) => r.status !== 'pending') ? true : null;
    }, { timeoutMs: 30_000, what: `${n} messages processed` });
  }

  it('a reply from a mail client that drops In-Reply-To, References and the subject still reaches its case through Reply-To', async () => {
    daemon = await startDaemon(instance);
    const ack = await complain();
    const replyTo = header(ack, 'Reply-To');
    expect(replyTo).to.match(/^complaints\+c1-[a-z0-9-]+@example\.test$/);
    await sendMail('client1', replyTo, { subject: 'вопрос', text: 'Когда будет ответ?' });
    await processed(2);
    expect(await count(daemon.db, 'cases')).to.equal(1);
    expect(await count(daemon.db, 'messages', { kind: 'follow_up', case_id: 1 })).to.equal(1);
    expect(await listMessages('client1', 'INBOX')).to.have.length(1);
  });

  it('a reply quoting our acknowledgement is stored whole, and cases show gives the new text first', async () => {
    daemon = await startDaemon(instance);
    const ack = await complain();
    const quoted = ack.source.toString('utf8').split(/\r?\n\r?\n/).slice(1).join('\n').split('\n').map((l) => `> ${l}`).join('\n');
    const text = `Прошло ещё две недели, денег нет.\n\nС уважением,\nАнна\n\n1 дек. 2026 г., в 12:00, Служба претензий <complaints@example.test> написал(а):\n${quoted}`;
    const ackId = ack.messageId;
    await sendMail('client1', header(ack, 'Reply-To'), { subject: `Re: ${ack.subject ?? ''}`, text, inReplyTo: ackId, references: ackId });
    await processed(2);
    const follow = (await daemon.db('messages').where({ kind: 'follow_up' }).first()) as { new_text: string; quote_text: string; signature_text: string; text: string };
    expect(follow.new_text.trim()).to.equal('Прошло ещё две недели, денег нет.');
    expect(follow.signature_text).to.contain('Анна');
    expect(follow.quote_text).to.contain('написал(а):');
    expect(follow.text).to.contain('> ');
    const shown = (await run(process.execPath, [path.join(root, 'bin/complaintd.js'), '-c', instance.configFile, 'cases', 'show', 'CMP-2026-000001'], { cwd: root })).stdout;
    const followUpLine = shown.indexOf('follow_up');
    expect(followUpLine).to.be.greaterThan(0);
    expect(shown.slice(followUpLine)).to.match(/follow_up[^\n]*\n\s+Прошло ещё две недели, денег нет\./);
  });

  it('a stranger who writes with the case tag gets a new case linked to the named one', async () => {
    daemon = await startDaemon(instance);
    const ack = await complain();
    await sendMail('client2', 'complaints@example.test', { subject: `Re: ${ack.subject ?? ''}`, text: 'У меня тоже не вернули деньги.' });
    await waitFor(async () => ((await listMessages('client2', 'INBOX')).length === 1 ? true : null), { timeoutMs: 30_000, what: 'the stranger\'s own acknowledgement' });
    expect(await count(daemon.db, 'cases')).to.equal(2);
    expect(await count(daemon.db, 'messages', { case_id: 1, direction: 'in' })).to.equal(1);
    const link = (await daemon.db('case_links').first()) as { case_id: number; linked_case_id: number };
    expect(link).to.include({ case_id: 2, linked_case_id: 1 });
    expect(await count(daemon.db, 'history', { case_id: 1, event: 'linked' })).to.equal(1);
  });

  it('"Спасибо!" to a decided case is recorded and does not reopen it', async () => {
    daemon = await startDaemon(instance);
    const ack = await complain();
    await daemon.db('cases').where({ id: 1 }).update({ status: 'decided', decided_at: new Date().toISOString() });
    await sendMail('client1', header(ack, 'Reply-To'), { subject: `Re: ${ack.subject ?? ''}`, text: 'Спасибо!', inReplyTo: ack.messageId, references: ack.messageId });
    await processed(2);
    expect(((await daemon.db('cases').first()) as { status: string }).status).to.equal('decided');
    expect(await count(daemon.db, 'history', { case_id: 1, event: 'thanks_recorded' })).to.equal(1);
    expect(await count(daemon.db, 'cases')).to.equal(1);
  });

  it('a new problem in the same thread after the reopen window becomes a new case linked to the old one', async () => {
    daemon = await startDaemon(instance);
    const ack = await complain();
    const longAgo = new Date(Date.now() - 60 * 86_400_000).toISOString();
    await daemon.db('cases').where({ id: 1 }).update({ status: 'closed', decided_at: longAgo, closed_at: longAgo });
    await sendMail('client1', header(ack, 'Reply-To'), { subject: `Re: ${ack.subject ?? ''}`, text: 'Снова не вернули деньги, теперь за другой заказ 456.', inReplyTo: ack.messageId, references: ack.messageId });
    await waitFor(async () => ((await listMessages('client1', 'INBOX')).length === 2 ? true : null), { timeoutMs: 30_000, what: 'the new case\'s acknowledgement' });
    expect(await count(daemon.db, 'cases')).to.equal(2);
    expect(((await daemon.db('case_links').first()) as { relation: string }).relation).to.equal('continues');
    expect(((await daemon.db('cases').where({ id: 1 }).first()) as { status: string }).status).to.equal('closed');
  });
});

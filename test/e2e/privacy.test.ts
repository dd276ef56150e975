import { expect } from 'chai';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Knex } from 'knex';
import { ensureMailstack, freshUser, listMessages, resetMailboxes, sendMail, waitFor } from '../support/mailstack';
import { removeInstances, startDaemon, testInstance, type TestInstance } from '../support/daemon-harness';
import { rawMail } from '../support/raw-mail';
import { openStore } from '../../src/store/db';
import type { Runtime } from '../../src/main';

const run = promisify(execFile);
const NAME = 'Евгения Колокольцева';
const PHONE = '+7 912 345-67-89';
const WORDS = 'рододендрон';

type Row = Record<string, unknown>;
const rows = async (db: Knex, table: string, where: Row = {}): Promise<Row[]> => (await db(table).where(where).orderBy('id')) as Row[];

/** A complaint as a person's mail program sends it: a display name, their phone and words in the body. */
function personalComplaint(from: string, subject = `Возврат для ${NAME}`): Buffer {
  return rawMail({ from: `${NAME} <${from}>`, subject, body: `Прошу вернуть деньги за ${WORDS}. Звоните: ${PHONE}. ${NAME}` });
}

/** Every message processed, every letter sent and its journal copy filed in Sent. */
async function settled(db: Knex, messages: number): Promise<void> {
  await waitFor(async () => {
    const inbound = (await rows(db, 'inbound')).filter((r) => r.status !== 'own_copy');
    const letters = await rows(db, 'outbox');
    const done = inbound.length === messages && inbound.every((r) => r.status !== 'pending' && r.moved_to !== null) && letters.every((l) => l.status === 'sent' && l.confirmed_at !== null);
    return done && (await listMessages('complaints', 'INBOX')).length === 0 ? true : null;
  }, { timeoutMs: 90_000, what: `${messages} message(s) processed and every letter sent and confirmed` });
}

describe('personal data and a flooding sender, end to end on the real mail stack', function () {
  this.timeout(180_000);
  let daemon: (Runtime & { logs: string[] }) | null = null;

  before(async () => ensureMailstack());
  beforeEach(async () => resetMailboxes());
  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && daemon) process.stderr.write(daemon.logs.slice(-40).join(''));
    await daemon?.close();
    daemon = null;
    removeInstances();
  });

  it('the daemon\'s log of a real complaint holds none of the sender\'s address, name, phone or words', async () => {
    const client = await freshUser();
    daemon = await startDaemon(testInstance({ staff: { notify: [] } }), { maskPersonalData: true });
    await sendMail(client, 'complaints@example.test', { raw: personalComplaint(client) });
    await settled(daemon.db, 1);
    await waitFor(async () => ((await listMessages(client, 'INBOX')).length === 1 ? true : null), { timeoutMs: 20_000, what: 'the acknowledgement' });
    await daemon.close();
    const log = daemon.logs.join('');
    // The log did follow the message: it is there, only without the person in it.
    expect(log).to.contain('inbound.registered');
    expect(log).to.contain('outbox.sent');
    for (const needle of [client, client.split('@')[0] ?? client, ...NAME.split(' '), PHONE, PHONE.replace(/\D/g, '').slice(1), WORDS]) {
      expect(log.toLowerCase(), needle).to.not.contain(needle.toLowerCase());
    }
  });

  it('50 complaints from one sender are all registered, get 5 acknowledgements, the supervisor is told once, and another sender\'s complaint is taken in turn', async () => {
    const flood = await freshUser();
    const other = await freshUser();
    // One fetch takes in the whole mailbox, so the order of processing is the ledger's choice alone.
    const instance = testInstance({ staff: { notify: [] }, imap: { fetchBatchSize: 100 } });
    for (let i = 1; i <= 50; i++) await sendMail(flood, 'complaints@example.test', { subject: `Жалоба №${i}`, text: `Обращение ${i}: возврат по заказу ${1000 + i} так и не пришёл.` });
    await sendMail(other, 'complaints@example.test', { subject: 'Моя жалоба', text: 'Прошу вернуть деньги за заказ 77.' });
    await waitFor(async () => ((await listMessages('complaints', 'INBOX')).length === 51 ? true : null), { timeoutMs: 30_000, what: '51 messages in the complaints INBOX' });

    daemon = await startDaemon(instance);
    const { db } = daemon;
    await settled(db, 51);
    const inbound = (await rows(db, 'inbound')).filter((r) => r.status !== 'own_copy');
    expect(inbound.map((r) => r.status)).to.deep.equal(Array(51).fill('registered'));
    expect(await rows(db, 'cases')).to.have.length(51);
    const acks = await rows(db, 'outbox', { kind: 'acknowledgement' });
    expect(acks.filter((a) => a.envelope_to === flood)).to.have.length(5);
    expect(acks.filter((a) => a.envelope_to === other)).to.have.length(1);
    expect(await rows(db, 'history', { event: 'acknowledgement_held' })).to.have.length(45);
    expect((await listMessages(flood, 'INBOX')).length).to.equal(5);
    const loops = await rows(db, 'alerts', { kind: 'mail_loop' });
    expect(loops).to.have.length(1);
    expect(loops[0]?.reason).to.contain('Every message that arrives is still registered');
    // The other sender's message came last into the mailbox and was the second to be processed.
    const theirs = inbound.find((r) => r.sender === other);
    expect(inbound.filter((r) => String(r.processed_at) < String(theirs?.processed_at))).to.have.length.at.most(1);
  });

  it('complaintd forget takes the client out of the store and deletes the server\'s copies of their mail and of our letters', async () => {
    const client = await freshUser();
    const instance: TestInstance = testInstance({ staff: { notify: [] } });
    daemon = await startDaemon(instance);
    await sendMail(client, 'complaints@example.test', { raw: personalComplaint(client) });
    await settled(daemon.db, 1);
    const letters = (await rows(daemon.db, 'outbox')).length;
    expect((await listMessages('complaints', 'Processed')).length).to.equal(1);
    expect((await listMessages('complaints', 'Sent')).length).to.equal(letters);
    await daemon.close();
    daemon = null;

    const cli = path.resolve(__dirname, '../support/cli-entry.ts');
    // A mail server that does not answer: nothing changes anywhere, and the command says why.
    const refused = await run(process.execPath, ['-r', 'tsx/cjs', cli, '-c', instance.configFile, 'forget', client], { cwd: path.resolve(__dirname, '../..'), env: { ...process.env, COMPLAINTD__IMAP__PORT: '1' } })
      .then(() => null, (err: { code: number; stderr: string }) => err);
    expect(refused?.code).to.equal(1);
    expect(refused?.stderr).to.contain('nothing was changed in the store');
    const untouched = openStore(instance.config.store);
    try {
      expect((await rows(untouched, 'cases'))[0]).to.include({ client_address: client });
    } finally {
      await untouched.destroy();
    }
    const dry = await run(process.execPath, ['-r', 'tsx/cjs', cli, '-c', instance.configFile, 'forget', client, '--dry-run'], { cwd: path.resolve(__dirname, '../..') });
    expect(dry.stdout).to.contain(`copies on the mail server that would be deleted: ${1 + letters}`);
    expect((await listMessages('complaints', 'Processed')).length).to.equal(1);
    const done = await run(process.execPath, ['-r', 'tsx/cjs', cli, '-c', instance.configFile, 'forget', client, '--by', 'dpo@example.test'], { cwd: path.resolve(__dirname, '../..') });
    expect(done.stdout).to.contain(`copies on the mail server: ${1 + letters} deleted, 0 no longer there`);
    expect(await listMessages('complaints', 'Processed')).to.deep.equal([]);
    expect(await listMessages('complaints', 'Sent')).to.deep.equal([]);

    const db = openStore(instance.config.store);
    try {
      const [kase] = await rows(db, 'cases');
      expect(kase).to.include({ client_name: '', body: '', subject: '[forgotten]', status: 'new', category: 'refund' });
      expect(String(kase?.client_address)).to.match(/@forgotten\.invalid$/);
      expect((await rows(db, 'history', { event: 'personal_data_forgotten' }))[0]).to.include({ actor: 'dpo@example.test' });
    } finally {
      await db.destroy();
    }
  });
});

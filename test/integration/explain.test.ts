import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { stringify } from 'yaml';
import { pipelineHarness } from '../support/pipeline-harness';
import { rawMail } from '../support/raw-mail';
import { TEST_DEPLOYMENT } from '../support/test-config';
import type { Explanation } from '../../src/explain/explain-message';

const root = path.resolve(__dirname, '../..');
const run = promisify(execFile);

describe('complaintd explain: what the daemon would do with a message, without doing it', () => {
  let dir: string;
  let configFile: string;
  let filename: string;
  let ackId: string;

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'complaintd-explain-'));
    filename = path.join(dir, 'store.sqlite');
    const h = await pipelineHarness({ filename });
    await h.deliver(rawMail({ subject: 'Не вернули деньги', body: 'Прошу вернуть деньги за заказ 5.' }));
    await h.processAll();
    ackId = ((await h.db('outbox').where({ kind: 'acknowledgement' }).first()) as { message_id: string }).message_id;
    await h.close();
    configFile = path.join(dir, 'local.yaml');
    writeFileSync(configFile, stringify({ ...TEST_DEPLOYMENT, store: { filename } }));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const explain = async (...args: string[]): Promise<Explanation[]> => {
    const { stdout } = await run(process.execPath, [path.join(root, 'bin/complaintd.js'), '-c', configFile, 'explain', '--json', ...args], { cwd: root });
    return stdout.trim().split('\n').map((l) => JSON.parse(l) as Explanation);
  };

  it('a new complaint shows its category with evidence, the reply split and the letters it would queue', async () => {
    const file = path.join(dir, 'new.eml');
    writeFileSync(file, rawMail({ from: 'client2@example.test', subject: 'Курьер не привёз заказ', body: 'Курьер не доставил заказ 77, хотя в статусе «доставлен».' }));
    const [e] = await explain(file);
    expect(e).to.deep.include({ file, outcome: 'registered', automated: { automated: false, reason: null } });
    expect(e!.thread).to.include({ kind: 'new', caseNumber: null });
    expect(e!.category?.category).to.equal('delivery');
    expect(e!.reply.text).to.contain('Курьер не доставил');
    expect(e!.letters.map((l) => l.kind)).to.include('acknowledgement');
  });

  it('a reply to our acknowledgement is threaded against the real store, and nothing is written to it', async () => {
    const file = path.join(dir, 'reply.eml');
    writeFileSync(file, rawMail({ subject: 'Re: Не вернули деньги', inReplyTo: ackId, body: 'Когда вернёте?\n\n> Ваша претензия получена' }));
    const before = readFileSync(filename);
    const [e] = await explain(file);
    expect(e!.thread).to.include({ kind: 'follow_up', caseNumber: 'CMP-2026-000001', via: 'header' });
    expect(e!.reply).to.include({ text: 'Когда вернёте?' });
    expect(e!.category).to.equal(null);
    expect(readFileSync(filename).equals(before)).to.equal(true);
  });

  it('--text splits a bare reply body, here a Russian one with its quoted original', async () => {
    const file = path.join(root, 'test/fixtures/replies/discourse-email_reply_trimmer/emails/embedded_email_russian_1.txt');
    const [e] = await explain('--text', file);
    expect(e!.thread.kind).to.equal('none');
    expect(e!.reply.quote).to.not.equal('');
    expect(e!.reply.text.length).to.be.greaterThan(0);
  });

  it('an unreadable message says it would be quarantined, and why', async () => {
    const file = path.join(dir, 'empty.eml');
    writeFileSync(file, '\r\n\r\n');
    const [e] = await explain(file);
    expect(e).to.include({ outcome: 'quarantined', reason: 'empty message' });
  });
});

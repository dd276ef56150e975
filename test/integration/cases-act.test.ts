import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { stringify } from 'yaml';
import { simpleParser } from 'mailparser';
import { pipelineHarness } from '../support/pipeline-harness';
import { rawMail } from '../support/raw-mail';
import { openStore } from '../../src/store/db';
import { TEST_DEPLOYMENT } from '../support/test-config';

const root = path.resolve(__dirname, '../..');
const run = promisify(execFile);
const staff = { members: [{ address: 'staff1@example.test', name: 'Ирина', role: 'agent', department: 'refunds', locale: 'ru' }] };

describe('acting on a case from the command line: one implementation, two doors', () => {
  let dir: string;
  let configFile: string;
  let filename: string;

  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'complaintd-act-'));
    filename = path.join(dir, 'store.sqlite');
    const h = await pipelineHarness({ filename, config: { staff } });
    await h.deliver(rawMail({ subject: 'Возврат', body: 'Верните деньги за заказ 5.' }));
    await h.processAll();
    await h.close();
    configFile = path.join(dir, 'local.yaml');
    writeFileSync(configFile, stringify({ ...TEST_DEPLOYMENT, store: { filename }, staff }));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const complaintd = (...args: string[]) => run(process.execPath, [path.join(root, 'bin/complaintd.js'), '-c', configFile, ...args], { cwd: root });

  it('cases act with #decision accepted records the decision and queues the decision letter, as a letter would', async () => {
    const { stdout } = await complaintd('cases', 'act', 'CMP-2026-000001', '#decision accepted', '--by', 'staff1@example.test', '--text', 'Вернём деньги в течение 10 дней.');
    expect(stdout).to.contain('decision accepted sent to the client');
    const db = openStore({ client: 'sqlite3', filename });
    try {
      expect(await db('cases').first('status')).to.deep.equal({ status: 'decided' });
      const letter = (await db('outbox').where({ kind: 'decision' }).first()) as { envelope_to: string; raw: Buffer };
      expect(letter.envelope_to).to.equal('client1@example.test');
      expect((await simpleParser(letter.raw)).text).to.contain('Вернём деньги в течение 10 дней.');
    } finally {
      await db.destroy();
    }
  });

  it('a wrong command applies nothing and says why, with exit code 1', async () => {
    const failed = await complaintd('cases', 'act', 'CMP-2026-000001', '#priority high', '#status sideways', '--by', 'staff1@example.test').then(() => null, (err: { code: number; stderr: string }) => err);
    expect(failed?.code).to.equal(1);
    expect(failed?.stderr).to.contain('nothing applied').and.contain('sideways');
    const db = openStore({ client: 'sqlite3', filename });
    try {
      expect(await db('cases').first('priority')).to.deep.equal({ priority: 'normal' });
    } finally {
      await db.destroy();
    }
  });

  it('someone outside the staff directory cannot act', async () => {
    const failed = await complaintd('cases', 'act', 'CMP-2026-000001', '#close', '--by', 'intruder@example.test').then(() => null, (err: { code: number; stderr: string }) => err);
    expect(failed?.stderr).to.contain('not in the staff directory');
  });
});

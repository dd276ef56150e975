import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { execFile } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { stringify } from 'yaml';
import { mergeDeep } from '../../src/config/load';
import { pipelineHarness } from '../support/pipeline-harness';
import { TEST_DEPLOYMENT } from '../support/test-config';
import { rawMail } from '../support/raw-mail';

const root = path.resolve(__dirname, '../..');
const run = promisify(execFile);

describe('templates preview', () => {
  let dir: string;
  let configFile: string;
  let sentRaw: string;

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'complaintd-preview-'));
    const filename = path.join(dir, 'store.sqlite');
    const h = await pipelineHarness({ filename });
    await h.deliver(rawMail({ from: 'client2@example.test', subject: 'Возврат за пылесос', body: 'Прошу вернуть деньги.' }));
    await h.processAll();
    const letter = (await h.db('outbox').where({ kind: 'acknowledgement' }).first()) as { raw: Buffer };
    sentRaw = letter.raw.toString('utf8');
    await h.close();
    configFile = path.join(dir, 'local.yaml');
    writeFileSync(configFile, stringify(mergeDeep(TEST_DEPLOYMENT, { store: { filename } })));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const complaintd = async (...args: string[]): Promise<string> =>
    (await run(process.execPath, ['-r', 'tsx/cjs', path.join(root, 'test/support/cli-entry.ts'), '-c', configFile, ...args], { cwd: root })).stdout;

  it('a case\'s acknowledgement shows the headers and text the client got: tagged subject, signed Reply-To, their language', async () => {
    const out = await complaintd('templates', 'preview', 'acknowledgement', '--case', 'CMP-2026-000001');
    expect(out).to.match(/^From: .*<complaints@example\.test>$/m);
    expect(out).to.match(/^To: client2@example\.test$/m);
    expect(out).to.match(/^Reply-To: complaints\+c[0-9a-z]+-[0-9a-z]+@example\.test$/m);
    expect(out).to.match(/^Subject: \[CMP-2026-000001\] Возврат за пылесос$/m);
    expect(out).to.match(/^Auto-Submitted: auto-replied$/m);
    expect(out).to.include('зарегистрирована под номером CMP-2026-000001');
    // Signed with the store's key for the same case as the letter queued for the client (the day part may differ).
    const caseToken = /^Reply-To: (complaints\+c[0-9a-z]+-)/m.exec(out)?.[1];
    expect(sentRaw).to.include(`Reply-To: ${caseToken}`);
  });

  it('--locale en renders the English letter for the same case', async () => {
    const out = await complaintd('templates', 'preview', 'acknowledgement', '--case', 'cmp-2026-000001', '--locale', 'en');
    expect(out).to.include('registered it as CMP-2026-000001');
  });

  it('--sample renders a staff letter without a store case; --html writes its HTML part to a file', async () => {
    const out = await complaintd('templates', 'preview', 'staff-new-case', '--sample');
    expect(out).to.match(/^Subject: \[CMP-\d{4}-000042\] /m);
    const file = path.join(dir, 'ack.html');
    const written = await complaintd('templates', 'preview', 'acknowledgement', '--sample', '--html', file);
    expect(written).to.equal(`wrote ${file}\n`);
    expect(readFileSync(file, 'utf8')).to.match(/^<p>Здравствуйте, Ирина Смирнова!<\/p>[\s\S]*CMP-\d{4}-000042/);
  });

  it('an unknown case or letter name is refused with a reason and a non-zero exit', async () => {
    const missing = await complaintd('templates', 'preview', 'acknowledgement', '--case', 'CMP-2026-999999').then(() => null, (e: { code: number; stderr: string }) => e);
    expect(missing?.code).to.equal(1);
    expect(missing?.stderr).to.include('no case CMP-2026-999999');
    const unknown = await complaintd('templates', 'preview', 'acknowledgment').then(() => null, (e: { code: number; stderr: string }) => e);
    expect(unknown?.code).to.not.equal(0);
    expect(unknown?.stderr).to.include('no such letter; one of: acknowledgement');
  });
});

import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { execFile, spawn } from 'node:child_process';
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

describe('looking at cases from the command line', () => {
  let dir: string;
  let configFile: string;

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'complaintd-cli-'));
    const filename = path.join(dir, 'store.sqlite');
    const h = await pipelineHarness({ filename });
    await h.deliver(rawMail({ subject: 'Возврат за пылесос', body: 'Прошу вернуть деньги.' }));
    await h.deliver(rawMail({ from: null }));
    await h.deliver(rawMail({ from: 'client2@example.test', subject: 'Списали дважды', body: 'С карты дважды списали оплату.' }));
    await h.processAll();
    await h.close();
    configFile = path.join(dir, 'local.yaml');
    writeFileSync(configFile, stringify(mergeDeep(TEST_DEPLOYMENT, { store: { filename } })));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const complaintd = async (...args: string[]): Promise<string> => (await run(process.execPath, [path.join(root, 'bin/complaintd.js'), '-c', configFile, ...args], { cwd: root })).stdout;

  it('cases list shows each case with its number, status, category and subject', async () => {
    const out = await complaintd('cases', 'list');
    expect(out).to.match(/^CMP-2026-000001\s+new\s+refund\s+client1@example\.test\s+Возврат за пылесос$/m);
    expect(out).to.match(/^CMP-2026-000002\s+new\s+refund\s+client2@example\.test\s+Списали дважды$/m);
    expect(out).to.match(/^2 case\(s\)$/m);
  });

  it('cases show gives the messages, the letters and the history with a reason for each step', async () => {
    const out = await complaintd('cases', 'show', 'cmp-2026-000001');
    expect(out).to.match(/^CMP-2026-000001 {2}new {2}refund/m);
    expect(out).to.match(/<- complaint\s+client1@example\.test\s+Возврат за пылесос/);
    expect(out).to.match(/#1 acknowledgement\s+queued\s+attempts 0\s+to client1@example\.test/);
    expect(out).to.match(/registered\s+daemon\s+new complaint from client1@example\.test: no reference to a known case/);
    expect(out).to.match(/categorised\s+daemon\s+rule test-rule matched: возврат \(body\)/);
  });

  it('cases show of an unknown number says so and fails', async () => {
    const err = await complaintd('cases', 'show', 'CMP-2026-999999').then(() => null, (e: { code: number; stderr: string }) => e);
    expect(err?.code).to.equal(1);
    expect(err?.stderr).to.contain('no case CMP-2026-999999');
  });

  it('inbound list shows the quarantined message with its reason', async () => {
    const out = await complaintd('inbound', 'list', '--status', 'quarantined');
    expect(out).to.match(/^#2 {2}uid \d+ {2}quarantined \(in mailbox\) {2}no sender address$/m);
  });

  it('cases category corrects the cause, records who did it, and makes the case a training example', async () => {
    const out = await complaintd('cases', 'category', 'CMP-2026-000001', 'billing', '--by', 'staff1@example.test');
    expect(out.trim()).to.equal('category corrected by staff1@example.test: refund -> billing (department billing)');
    const shown = JSON.parse(await complaintd('cases', 'show', 'CMP-2026-000001', '--json')) as { kase: { category: string; categoryConfirmed: boolean; needsReview: boolean }; history: Array<{ event: string; actor: string }> };
    expect(shown.kase).to.include({ category: 'billing', categoryConfirmed: true, needsReview: false });
    expect(shown.history.at(-1)).to.include({ event: 'category_corrected', actor: 'staff1@example.test' });
  });

  it('cases category refuses a category that does not exist and names the known ones', async () => {
    const err = await complaintd('cases', 'category', 'CMP-2026-000001', 'refunds').then(() => null, (e: { code: number; stderr: string }) => e);
    expect(err?.code).to.equal(1);
    expect(err?.stderr).to.match(/^unknown category "refunds"; known: product-quality, .*refund/);
  });

  it('a list cut short by --limit says how much is shown of how many', async () => {
    const lines = (await complaintd('inbound', 'list', '--limit', '1')).trim().split('\n');
    expect(lines).to.have.length(2);
    expect(lines[0]).to.match(/^#3 {2}uid \d+ {2}registered /);
    expect(lines[1]).to.equal('first 1 of 3 message(s), use --limit to see more');
    expect(await complaintd('cases', 'list', '--limit', '1')).to.match(/^first 1 of 2 case\(s\), use --limit to see more$/m);
  });

  it('cases list --json says a cut on stderr, so every stdout line stays JSON', async () => {
    const { stdout, stderr } = await run(process.execPath, [path.join(root, 'bin/complaintd.js'), '-c', configFile, 'cases', 'list', '--json', '--limit', '1'], { cwd: root });
    expect(stdout.trim().split('\n').map((l) => (JSON.parse(l) as { number: string }).number)).to.deep.equal(['CMP-2026-000001']);
    expect(stderr).to.equal('first 1 of 2 case(s), use --limit to see more\n');
  });

  it('--limit that is not a positive whole number is refused with the reason', async () => {
    for (const command of [['cases', 'list'], ['inbound', 'list'], ['rules', 'list']]) {
      const err = await complaintd(...command, '--limit', '0').then(() => null, (e: { code: number; stderr: string }) => e);
      expect(err?.code, command.join(' ')).to.equal(1);
      expect(err?.stderr).to.contain("error: option '--limit <n>' argument '0' is invalid. must be a positive whole number, such as 500");
    }
  });

  it('a listing piped into a reader that stops at once ends quietly with success, not an EPIPE crash', async () => {
    for (const command of [['cases', 'list'], ['inbound', 'list'], ['rules', 'list']]) {
      const child = spawn(process.execPath, [path.join(root, 'bin/complaintd.js'), '-c', configFile, ...command], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
      // Like `| head -0`: the reading end is closed before the command writes its first line.
      child.stdout.destroy();
      let stderr = '';
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      const code = await new Promise<number | null>((resolve) => child.once('close', (c) => resolve(c)));
      expect({ command: command.join(' '), code, stderr }).to.deep.equal({ command: command.join(' '), code: 0, stderr: '' });
    }
  });
});

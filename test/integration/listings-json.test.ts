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

describe('every listing command with --json', () => {
  let dir: string;
  let configFile: string;

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'complaintd-json-'));
    const filename = path.join(dir, 'store.sqlite');
    const h = await pipelineHarness({ filename });
    await h.deliver(rawMail({ subject: 'Возврат за пылесос', body: 'Прошу вернуть деньги, иначе подам в суд.' }));
    await h.deliver(rawMail({ from: 'client2@example.test', subject: 'Списали дважды', body: 'С карты дважды списали оплату.' }));
    await h.processAll();
    await h.close();
    configFile = path.join(dir, 'local.yaml');
    writeFileSync(configFile, stringify(mergeDeep(TEST_DEPLOYMENT, { store: { filename } })));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const complaintd = async (...args: string[]): Promise<{ stdout: string; stderr: string }> =>
    run(process.execPath, ['-r', 'tsx/cjs', path.join(root, 'test/support/cli-entry.ts'), '-c', configFile, ...args], { cwd: root });
  const jsonLines = (stdout: string): Array<Record<string, unknown>> => stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);

  it('inbound list --json gives one object per ledger row, newest first, and nothing else on stdout', async () => {
    const rows = jsonLines((await complaintd('inbound', 'list', '--json')).stdout);
    expect(rows.map((r) => r.status)).to.deep.equal(['registered', 'registered']);
    expect(rows[0]).to.include.keys('id', 'uid', 'messageKey', 'caseId', 'reason');
  });

  it('outbox list --json names the case and the recipients of each letter; a cut list says so on stderr', async () => {
    const all = jsonLines((await complaintd('outbox', 'list', '--json')).stdout);
    expect(all.filter((r) => r.kind === 'acknowledgement').map((r) => r.to)).to.have.deep.members([['client1@example.test'], ['client2@example.test']]);
    expect(all.every((r) => r.caseNumber === null || /^CMP-\d{4}-\d{6}$/.test(String(r.caseNumber)))).to.equal(true);
    const cut = await complaintd('outbox', 'list', '--json', '--limit', '1');
    expect(jsonLines(cut.stdout)).to.have.length(1);
    expect(cut.stderr).to.equal(`first 1 of ${all.length} letter(s), use --limit to see more\n`);
  });

  it('alerts list --json shows the threat raised for the first complaint', async () => {
    const rows = jsonLines((await complaintd('alerts', 'list', '--json')).stdout);
    expect(rows.map((r) => r.kind)).to.include('threat');
  });

  it('cases list, suppressions list and rules list take --json too', async () => {
    expect(jsonLines((await complaintd('cases', 'list', '--json')).stdout).map((r) => r.subject)).to.deep.equal(['Возврат за пылесос', 'Списали дважды']);
    expect((await complaintd('suppressions', 'list', '--json')).stdout).to.equal('');
    const rules = jsonLines((await complaintd('rules', 'list', '--json')).stdout);
    expect(rules.length).to.be.greaterThan(5);
    expect(rules[0]).to.include.keys('id', 'category', 'file', 'line');
  });

  it('--version prints the version from package.json', async () => {
    const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
    expect((await complaintd('--version')).stdout).to.equal(`${version}\n`);
  });
});

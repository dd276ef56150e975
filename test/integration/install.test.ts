import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { stringify } from 'yaml';
import { openStore } from '../../src/store/db';
import { TEST_DEPLOYMENT } from '../support/test-config';
import { commandNodeFlags } from '../support/installed-command';

const root = path.resolve(__dirname, '../..');
const run = promisify(execFile);
const bin = path.join(root, 'bin/complaintd.js');
const noLocalConfig = { ...process.env, COMPLAINTD_CONFIG: '' };

type Failure = { code: number; stdout: string; stderr: string };
const failureOf = (p: Promise<unknown>): Promise<Failure | null> => p.then(() => null, (e: Failure) => e);

describe('a fresh install', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'complaintd-install-'));
    writeFileSync(path.join(dir, 'local.yaml'), stringify(TEST_DEPLOYMENT));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('npm is allowed to build better-sqlite3, and its native binding was built and loads', async () => {
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { allowScripts?: Record<string, boolean> };
    expect(pkg.allowScripts?.['better-sqlite3']).to.equal(true);
    expect(existsSync(path.join(root, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node'))).to.equal(true);
    const db = openStore({ client: 'sqlite3', filename: ':memory:' });
    try {
      const [row] = (await db.raw('select sqlite_version() as v')) as Array<{ v: string }>;
      expect(row?.v).to.match(/^3\.\d+\.\d+$/);
    } finally {
      await db.destroy();
    }
  });

  it('`npx complaintd -c local.yaml check-config` runs the built command on the shipped templates and rules', async () => {
    const { stdout } = await run('npx', ['--no-install', 'complaintd', '-c', path.join(dir, 'local.yaml'), 'check-config'], { cwd: root, env: noLocalConfig });
    expect(stdout).to.match(/^ok {4}configuration: .*config\/default\.yaml \+ .*local\.yaml$/m);
    expect(stdout).to.match(/^ok {4}templates: locales en, ru$/m);
    expect(stdout).to.match(/^ok {4}categories and rules: 9 categories, \d+ rules$/m);
  });

  it('the service unit starts node with the flags of the command\'s first line, and node takes them', async () => {
    const flags = commandNodeFlags(bin);
    expect(flags).to.include('--max-semi-space-size=4');
    const execStart = /^ExecStart=\/usr\/bin\/node (.*) \/opt\/complaintd\/bin\/complaintd\.js start$/m.exec(readFileSync(path.join(root, 'deploy/complaintd.service'), 'utf8'))?.[1];
    expect(execStart?.split(' ')).to.deep.equal(flags);
    const { stdout } = await run(process.execPath, [...flags, '-p', `process.execArgv.slice(0, ${flags.length}).join(' ')`]);
    expect(stdout.trim()).to.equal(flags.join(' '));
  });

  it('check-config run from another folder finds the shipped files and puts the default store in that folder', async () => {
    const { stdout } = await run(process.execPath, [bin, '-c', 'local.yaml', 'check-config'], { cwd: dir, env: noLocalConfig });
    expect(stdout).to.match(/^ok {4}templates: locales en, ru$/m);
    expect(stdout).to.match(/^ok {4}categories and rules: 9 categories, \d+ rules$/m);
    expect(stdout).to.contain(`ok    store: ${path.join(dir, 'var', 'complaintd.sqlite')} (not created yet)`);
  });

  it('check-config without the deployment\'s settings fails and names each one missing', async () => {
    const err = await failureOf(run(process.execPath, [bin, 'check-config'], { cwd: dir, env: noLocalConfig }));
    expect(err?.code).to.equal(1);
    for (const key of ['imap.host', 'imap.user', 'smtp.host', 'smtp.fromAddress']) expect(err?.stdout).to.contain(`${key}: required, set it in your local config (see README)`);
    expect(err?.stdout).to.contain('imap.password: required (or passwordFile, or accessToken), set it in your local config (see README)');
  });

  it('start without the deployment\'s settings refuses to run and says what is missing', async () => {
    writeFileSync(path.join(dir, 'no-relay.yaml'), stringify({ ...TEST_DEPLOYMENT, smtp: { ...TEST_DEPLOYMENT.smtp, host: '' } }));
    const err = await failureOf(run(process.execPath, [bin, '-c', 'no-relay.yaml', 'start'], { cwd: dir, env: noLocalConfig, timeout: 20_000 }));
    expect(err?.code).to.equal(2);
    expect(err?.stderr).to.match(/no-relay\.yaml:\d+: smtp\.host: required, set it in your local config \(see README\)/);
  });

  it('a mistyped key makes check-config fail and name the file, the line and the key', async () => {
    const file = path.join(root, 'test/fixtures/config/mistyped.yaml');
    const err = await failureOf(run(process.execPath, [bin, '-c', file, 'check-config'], { cwd: root }));
    expect(err?.code).to.equal(1);
    expect(err?.stdout).to.contain(`${file}:3: imap.pasword: unknown key "pasword"`);
  });
});

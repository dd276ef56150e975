import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { openStore } from '../../src/store/db';

const root = path.resolve(__dirname, '../..');
const run = promisify(execFile);

describe('a fresh install', () => {
  it('npm is allowed to build sqlite3, and its native binding was built and loads', async () => {
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { allowScripts?: Record<string, boolean> };
    expect(pkg.allowScripts?.sqlite3).to.equal(true);
    expect(existsSync(path.join(root, 'node_modules/sqlite3/build/Release/node_sqlite3.node'))).to.equal(true);
    const db = openStore({ client: 'sqlite3', filename: ':memory:' });
    try {
      const [row] = (await db.raw('select sqlite_version() as v')) as Array<{ v: string }>;
      expect(row?.v).to.match(/^3\.\d+\.\d+$/);
    } finally {
      await db.destroy();
    }
  });

  it('`npx complaintd check-config` runs the built command on the shipped configuration, templates and rules', async () => {
    const { stdout } = await run('npx', ['--no-install', 'complaintd', 'check-config'], { cwd: root, env: { ...process.env, COMPLAINTD_CONFIG: '' } });
    expect(stdout).to.match(/^ok {4}configuration: .*config\/default\.yaml/m);
    expect(stdout).to.match(/^ok {4}templates: locales en, ru$/m);
    expect(stdout).to.match(/^ok {4}categories and rules: 9 categories, \d+ rules$/m);
  });

  it('a mistyped key makes check-config fail and name the file, the line and the key', async () => {
    const file = path.join(root, 'test/fixtures/config/mistyped.yaml');
    const err = await run(process.execPath, [path.join(root, 'bin/complaintd.js'), '-c', file, 'check-config'], { cwd: root }).then(
      () => null,
      (e: { code: number; stdout: string }) => e,
    );
    expect(err?.code).to.equal(1);
    expect(err?.stdout).to.contain(`${file}:3: imap.pasword: unknown key "pasword"`);
  });
});

import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { execFile } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { stringify } from 'yaml';
import { mergeDeep } from '../../src/config/load';
import { openStore } from '../../src/store/db';
import { TEST_DEPLOYMENT } from '../support/test-config';

const root = path.resolve(__dirname, '../..');
const fixtures = path.join(root, 'test/fixtures/import');
const run = promisify(execFile);
const SOURCES = ['--mbox', path.join(fixtures, 'historic.mbox'), '--maildir', path.join(fixtures, 'maildir'), '--eml', path.join(fixtures, 'eml')];

describe('importing historic mail from the command line', function () {
  this.timeout(60_000);
  let dir: string;
  let configFile: string;
  let filename: string;

  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'complaintd-import-'));
    filename = path.join(dir, 'store.sqlite');
    configFile = path.join(dir, 'local.yaml');
    writeFileSync(configFile, stringify(mergeDeep(TEST_DEPLOYMENT, { store: { filename } })));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const complaintd = async (...args: string[]) => run(process.execPath, [path.join(root, 'bin/complaintd.js'), '-c', configFile, ...args], { cwd: root });
  const tally = async () => {
    const db = openStore({ client: 'sqlite3', filename });
    try {
      const n = async (table: string, where: Record<string, unknown> = {}) => Number(((await db(table).where(where).count({ n: '*' }).first()) as { n: number }).n);
      return {
        inbound: await n('inbound'), cases: await n('cases'), outbox: await n('outbox'), withheld: await n('outbox', { status: 'withheld' }),
        pendingJobs: await n('jobs', { state: 'pending' }),
        received: ((await db('cases').orderBy('id').select('received_at')) as Array<{ received_at: string }>).map((c) => c.received_at),
      };
    } finally {
      await db.destroy();
    }
  };

  it('a dry run says what would happen and writes nothing', async () => {
    await complaintd('migrate');
    const { stdout } = await complaintd('import', ...SOURCES, '--dry-run');
    expect(stdout).to.contain('import (dry run: nothing written): 7 message(s)');
    // Judged against the empty store: the reply and the second copy read as new complaints too.
    expect(stdout).to.match(/registered\s+5\n/).and.match(/automated\s+1\n/).and.match(/quarantined\s+1\n/);
    expect(await tally()).to.include({ inbound: 0, cases: 0, outbox: 0 });
  });

  it('registers the complaints at the time they arrived, threads the reply, and sends nothing', async () => {
    const { stdout, stderr } = await complaintd('import', ...SOURCES);
    expect(stdout).to.match(/^import: 7 message\(s\) in [\d.]+ s$/m);
    for (const [name, n] of [['registered', 3], ['follow-ups', 1], ['automated', 1], ['bounces', 0], ['quarantined', 1], ['duplicates', 1], ['errors', 0]] as const) {
      expect(stdout).to.match(new RegExp(`^  ${name}\\s+${n}$`, 'm'));
    }
    // Not a terminal: plain progress lines.
    expect(stderr).to.contain('import: 7/7 messages');
    const after = await tally();
    expect(after).to.include({ inbound: 6, cases: 3, pendingJobs: 0 });
    expect(after.received).to.deep.equal(['2026-10-01T10:00:00.000Z', '2026-10-02T08:00:00.000Z', '2026-10-04T15:30:00.000Z']);
    // Acknowledgements, staff announcements and alerts are on record, every one withheld.
    expect(after.outbox).to.be.greaterThan(0);
    expect(after.withheld).to.equal(after.outbox);
  });

  it('running it again adds nothing: every message is a duplicate', async () => {
    const before = await tally();
    const { stdout } = await complaintd('import', ...SOURCES);
    expect(stdout).to.match(/^ {2}duplicates\s+7$/m).and.match(/^ {2}registered\s+0$/m);
    expect(await tally()).to.deep.equal(before);
  });

  it('the KPI report reads the imported cases', async () => {
    const { stdout } = await complaintd('report', '--from', '2026-10-01', '--to', '2026-10-07', '--format', 'csv');
    expect(stdout).to.contain('desk,,cases,3,0,,');
    // Their acknowledgements were never sent, so they have no acknowledgement time.
    expect(stdout).to.contain('desk,,medianAckMinutes,,,,');
  });

  it('the report goes to a file as HTML, and to the terminal as a table', async () => {
    const out = path.join(dir, 'kpi.html');
    const written = await complaintd('report', '--from', '2026-10-01', '--to', '2026-10-07', '--format', 'html', '--out', out, '--locale', 'en');
    expect(written.stdout).to.contain(`html report 2026-09-30T21:00:00.000Z – 2026-10-07T21:00:00.000Z written to ${out}`);
    expect(readFileSync(out, 'utf8')).to.match(/^<!DOCTYPE html>/).and.contain('<svg class="chart"');
    const { stdout } = await complaintd('report', '--from', '2026-10-01', '--to', '2026-10-07', '--locale', 'en');
    expect(stdout).to.match(/^ {2}cases received\s+3\s+0\s+\+3$/m);
  });

  it('a period that ends before it starts is refused', async () => {
    const err = await complaintd('report', '--from', '2026-10-07', '--to', '2026-10-01').then(() => null, (e: { code: number; stderr: string }) => e);
    expect(err?.code).to.equal(2);
    expect(err?.stderr).to.contain('the period is empty');
  });
});

import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { TEST_DEPLOYMENT } from '../support/test-config';
import { promisify } from 'node:util';
import { pipelineHarness } from '../support/pipeline-harness';
import { rawMail } from '../support/raw-mail';
import { dsn } from '../support/bounce-mail';

const root = path.resolve(__dirname, '../..');
const run = promisify(execFile);

describe('the suppression list from the command line', () => {
  let configFile: string;

  before(async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'complaintd-suppressions-'));
    const filename = path.join(dir, 'store.sqlite');
    // The entry lasts 30 days from the harness's clock; the command line judges by the real one.
    const h = await pipelineHarness({ filename, clock: () => new Date() });
    await h.deliver(rawMail({}));
    await h.processAll();
    const ack = (await h.db('outbox').where({ kind: 'acknowledgement' }).first()) as { id: number; message_id: string };
    await h.db('outbox').where({ id: ack.id }).update({ status: 'sent' });
    await h.deliver(dsn({ recipient: 'client1@example.test', returnedMessageId: ack.message_id }));
    await h.processAll();
    await h.close();
    configFile = path.join(dir, 'local.yaml');
    writeFileSync(configFile, stringify({ ...TEST_DEPLOYMENT, store: { filename } }));
  });

  const complaintd = async (...args: string[]): Promise<string> => (await run(process.execPath, [path.join(root, 'bin/complaintd.js'), '-c', configFile, ...args], { cwd: root })).stdout;

  it('suppressions list shows the bounced address with its expiry and the remote server\'s reason', async () => {
    const out = await complaintd('suppressions', 'list');
    expect(out).to.match(/^client1@example\.test\s+active\s+until \S+Z {2}hard bounce: 5\.1\.1 no_such_user: 550 5\.1\.1/m);
    expect(out).to.match(/^1 suppressed address\(es\)$/m);
    const [entry] = (await complaintd('suppressions', 'list', '--json')).trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(entry).to.include({ address: 'client1@example.test', state: 'active', outboxId: 1, caseId: 1, clearedBy: null });
  });

  it('suppressions clear lifts the entry, records who did it, and a second clear says there is nothing to clear', async () => {
    expect((await complaintd('suppressions', 'clear', 'Client1@example.test', '--by', 'admin@example.test')).trim()).to.equal('client1@example.test: cleared by admin@example.test; letters are sent there again');
    expect(await complaintd('suppressions', 'list')).to.match(/^0 suppressed address\(es\)$/m);
    expect(await complaintd('suppressions', 'list', '--all')).to.match(/^client1@example\.test\s+cleared .* cleared \S+ by admin@example\.test$/m);
    const err = await complaintd('suppressions', 'clear', 'client1@example.test', '--by', 'admin@example.test').then(() => null, (e: { code: number; stderr: string }) => e);
    expect(err?.code).to.equal(1);
    expect(err?.stderr).to.contain('client1@example.test is not suppressed');
  });

  it('suppressions clear without --by is refused: who cleared an address is always recorded', async () => {
    const err = await complaintd('suppressions', 'clear', 'client1@example.test').then(() => null, (e: { code: number; stderr: string }) => e);
    expect(err?.code).to.not.equal(0);
    expect(err?.stderr).to.contain("required option '--by <who>'");
  });
});

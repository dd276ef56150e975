import { expect } from 'chai';
import path from 'node:path';
import { pipelineHarness, type Harness } from '../support/pipeline-harness';
import { importMessages } from '../../src/import/import-mail';
import { readEmlDir, readMaildir, readMbox, type SourceMessage } from '../../src/import/mail-sources';

const fixtures = path.resolve(__dirname, '../fixtures/import');

describe('importing historic mail on the store', () => {
  let h: Harness;
  let messages: SourceMessage[];

  beforeEach(async () => {
    h = await pipelineHarness();
    messages = [...(await readMbox(path.join(fixtures, 'historic.mbox'))), ...(await readMaildir(path.join(fixtures, 'maildir'))), ...(await readEmlDir(path.join(fixtures, 'eml')))];
  });
  afterEach(async () => h.close());

  const count = async (table: string, where: Record<string, unknown> = {}) => Number(((await h.db(table).where(where).count({ n: '*' }).first()) as { n: number | string }).n);

  it('registers through the pipeline in one transaction per message, every letter withheld, and adds nothing the second time', async () => {
    const first = await importMessages(h.deps, messages, { dryRun: false });
    expect(first).to.include({ read: 7, registered: 3, followUps: 1, automated: 1, quarantined: 1, duplicates: 1 });
    expect(first.errors).to.deep.equal([]);
    expect(await count('inbound', { status: 'pending' })).to.equal(0);
    expect(await count('outbox', { status: 'queued' })).to.equal(0);
    expect(await count('outbox', { status: 'withheld' })).to.be.greaterThan(0);
    expect(await count('jobs', { state: 'pending' })).to.equal(0);
    // The reply joined the first case; its history is dated when the mail arrived.
    const followUp = (await h.db('messages').where({ kind: 'follow_up' }).first()) as { case_id: number; at: string };
    expect(followUp).to.include({ case_id: 1, at: '2026-10-03T09:00:00.000Z' });
    const before = { inbound: await count('inbound'), cases: await count('cases'), outbox: await count('outbox'), history: await count('history') };
    const second = await importMessages(h.deps, messages, { dryRun: false });
    expect(second).to.include({ read: 7, registered: 0, duplicates: 7 });
    expect({ inbound: await count('inbound'), cases: await count('cases'), outbox: await count('outbox'), history: await count('history') }).to.deep.equal(before);
  });

  it('the live desk still sends: backfill is only the import\'s', async () => {
    await importMessages(h.deps, messages.slice(0, 1), { dryRun: false });
    expect(h.deps.desk.backfill).to.equal(null);
  });
});

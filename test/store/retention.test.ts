import { expect } from 'chai';
import { pipelineHarness, type Harness } from '../support/pipeline-harness';
import { rawMail } from '../support/raw-mail';
import { runDueJobs } from '../../src/deadlines/scheduler';
import { jobHandlers } from '../../src/daemon/job-handlers';
import { ensureRetentionScheduled, runRetention, RETENTION_EVENT, RETENTION_JOB } from '../../src/privacy/retention-run';
import { inTransaction } from '../../src/privacy/dry-run';
import { historyOfCase } from '../../src/store/history-repo';

const SETTINGS = { rawDays: 30, bodyDays: 365, at: '03:30' };
const NOW = new Date('2027-12-01T10:00:00Z');

describe('retention of personal data', () => {
  let h: Harness;
  afterEach(async () => h.close());

  /** Case 1 closed long ago, case 2 open; both messages processed long ago; one quarantined message. */
  async function oldStore(): Promise<void> {
    h = await pipelineHarness();
    await h.deliver(rawMail({ subject: 'Старая жалоба', body: 'Старый текст жалобы.' }));
    await h.deliver(rawMail({ from: 'other@example.test', subject: 'Открытая жалоба', body: 'Текст открытой жалобы.' }));
    await h.deliver(rawMail({ from: null, subject: 'Без отправителя' }));
    await h.processAll();
    await h.db('inbound').update({ processed_at: '2026-11-27T10:00:00.000Z' });
    await h.db('outbox').update({ status: 'sent' });
    await h.db('cases').where({ client_address: 'client1@example.test' }).update({ status: 'closed', updated_at: '2026-11-28T10:00:00.000Z' });
  }

  const rawSizes = async (table: string): Promise<number[]> => ((await h.db(table).orderBy('id').select('raw')) as Array<{ raw: Buffer }>).map((r) => r.raw.length);

  it('purges raw bytes past rawDays and the texts of cases closed past bodyDays, recording it on the case', async function () {
    this.timeout(20_000);
    await oldStore();
    const quarantined = (await h.db('inbound').where({ status: 'quarantined' }).first('id')) as { id: number };
    const report = await inTransaction(h.db, false, (trx) => runRetention(trx, SETTINGS, NOW, 'daemon'));
    expect(report).to.include({ rawMessages: 2, cases: 1 });
    expect(report.rawLetters).to.be.above(0);
    expect((await rawSizes('outbox')).every((n) => n === 0)).to.equal(true);
    expect(((await h.db('inbound').where({ id: quarantined.id }).first('raw')) as { raw: Buffer }).raw.length).to.be.above(0);
    const closed = (await h.db('cases').where({ client_address: 'client1@example.test' }).first('id', 'body', 'subject', 'category', 'bodies_purged_at')) as Record<string, unknown>;
    expect(closed).to.include({ body: '', subject: 'Старая жалоба', category: 'refund', bodies_purged_at: NOW.toISOString() });
    expect(((await h.db('messages').where({ case_id: closed.id }).select('text')) as Array<{ text: string }>).map((m) => m.text)).to.deep.equal(['', '', '']);
    expect((await historyOfCase(h.db, Number(closed.id))).at(-1)).to.include({ event: RETENTION_EVENT, actor: 'daemon' });
    const open = (await h.db('cases').where({ client_address: 'other@example.test' }).first('body')) as { body: string };
    expect(open.body).to.contain('Текст открытой жалобы.');
    const again = await inTransaction(h.db, false, (trx) => runRetention(trx, SETTINGS, NOW, 'daemon'));
    expect(again).to.deep.equal({ rawMessages: 0, rawLetters: 0, cases: 0, messages: 0, attachments: 0 });
  });

  it('a dry run reports the same and purges nothing; with both ages 0 nothing is purged', async function () {
    this.timeout(20_000);
    await oldStore();
    const before = await rawSizes('inbound');
    const dry = await inTransaction(h.db, true, (trx) => runRetention(trx, SETTINGS, NOW, 'cli'));
    expect(dry.cases).to.equal(1);
    expect(await rawSizes('inbound')).to.deep.equal(before);
    expect(await inTransaction(h.db, false, (trx) => runRetention(trx, { ...SETTINGS, rawDays: 0, bodyDays: 0 }, NOW, 'cli'))).to.deep.equal({ rawMessages: 0, rawLetters: 0, cases: 0, messages: 0, attachments: 0 });
    expect(await rawSizes('inbound')).to.deep.equal(before);
  });

  it('the daily job runs at its local time, purges, and plans the next day\'s run; off, none is planned', async function () {
    this.timeout(20_000);
    await oldStore();
    await ensureRetentionScheduled(h.db, { ...SETTINGS, rawDays: 0, bodyDays: 0 }, h.deps.desk.calendar, NOW);
    expect(await h.db('jobs').where({ kind: RETENTION_JOB })).to.have.length(0);
    await ensureRetentionScheduled(h.db, SETTINGS, h.deps.desk.calendar, NOW);
    await runDueJobs({ db: h.db, log: h.deps.log, clock: () => new Date('2027-12-02T00:31:00Z'), owner: 'test', handlers: jobHandlers(h.deps.desk, SETTINGS), claimMs: 60_000, maxAttempts: 3 }, () => false);
    expect(await h.db('cases').whereNotNull('bodies_purged_at').count({ n: '*' }).first()).to.deep.equal({ n: 1 });
    const jobs = (await h.db('jobs').where({ kind: RETENTION_JOB }).orderBy('id').select('state', 'key', 'due_at')) as Array<{ state: string; key: string; due_at: string }>;
    expect(jobs).to.deep.equal([
      { state: 'done', key: '2027-12-02', due_at: '2027-12-02T00:30:00.000Z' },
      { state: 'pending', key: '2027-12-03', due_at: '2027-12-03T00:30:00.000Z' },
    ]);
  });
});

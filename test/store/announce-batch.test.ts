import { expect } from 'chai';
import { simpleParser } from 'mailparser';
import { pipelineHarness, type Harness } from '../support/pipeline-harness';
import { rawMail } from '../support/raw-mail';
import { runDueJobs } from '../../src/deadlines/scheduler';
import { jobHandlers } from '../../src/daemon/job-handlers';
import { historyOfCase } from '../../src/store/history-repo';
import { waitingLists } from '../../src/cases/announce-batch';

describe('new-case announcements under a flood (staff.announcements.batchSeconds)', () => {
  let h: Harness;
  let now: Date;
  const at = (iso: string): void => void (now = new Date(iso));
  const complain = async (n: number): Promise<void> => {
    await h.deliver(rawMail({ from: `client${n}@example.test`, subject: `Возврат ${n}`, body: `Прошу вернуть деньги за заказ ${n}.` }));
    await h.processAll();
  };
  const runJobs = (): Promise<number> => runDueJobs({ db: h.db, log: h.deps.log, clock: () => now, owner: 'test', handlers: jobHandlers(h.deps.desk), claimMs: 60_000, maxAttempts: 3 }, () => false);
  const staffLetters = async (): Promise<Array<{ to: string; subject: string; text: string }>> => {
    const rows = (await h.db('outbox').where({ kind: 'staff_notice' }).orderBy('id')) as Array<{ envelope_to: string; raw: Buffer }>;
    return Promise.all(rows.map(async (r) => {
      const m = await simpleParser(r.raw);
      return { to: r.envelope_to, subject: m.subject ?? '', text: m.text ?? '' };
    }));
  };

  /** A harness at 10:00 with announcements listed over `batchSeconds` (the shipped default when not given). */
  const start = async (batchSeconds?: number): Promise<void> => {
    at('2026-11-27T10:00:00Z');
    h = await pipelineHarness({ config: batchSeconds === undefined ? {} : { staff: { announcements: { batchSeconds } } }, clock: () => now });
  };

  afterEach(async () => h.close());

  it('by default (60 s) the first case goes out at once; the next ones within the window wait and go out together in one letter listing them', async () => {
    await start();
    await complain(1);
    at('2026-11-27T10:00:05Z');
    await complain(2);
    at('2026-11-27T10:00:20Z');
    await complain(3);
    expect((await staffLetters()).map((l) => l.subject)).to.deep.equal(['[CMP-2026-000001] Новая претензия: Возврат 1']);
    expect(await waitingLists(h.db)).to.deep.equal([{ recipient: 'refunds@example.test', cases: 2, dueAt: '2026-11-27T10:01:00.000Z' }]);
    expect(await runJobs()).to.equal(0);

    at('2026-11-27T10:01:00Z');
    expect(await runJobs()).to.equal(1);
    const letters = await staffLetters();
    expect(letters).to.have.length(2);
    expect(letters[1]).to.include({ to: 'refunds@example.test', subject: 'Новые претензии: 2' });
    expect(letters[1]?.text).to.match(/CMP-2026-000002 · Возврат 2[\s\S]*CMP-2026-000003 · Возврат 3/);
    // Each listed case says it was announced, and how.
    const events = (await historyOfCase(h.db, 3)).map((e) => e.event);
    expect(events).to.include.members(['staff_notice_listed', 'staff_notified']);
    // Run again: nothing is listed twice.
    at('2026-11-27T10:05:00Z');
    expect(await runJobs()).to.equal(0);
    expect(await staffLetters()).to.have.length(2);
    expect(await waitingLists(h.db)).to.deep.equal([]);
  });

  it('a case after a quiet window is announced at once again, in a letter of its own', async () => {
    await start(60);
    await complain(1);
    at('2026-11-27T10:02:00Z');
    await complain(2);
    expect((await staffLetters()).map((l) => l.subject)).to.deep.equal(['[CMP-2026-000001] Новая претензия: Возврат 1', '[CMP-2026-000002] Новая претензия: Возврат 2']);
  });

  it('off (0), every case has its own letter at once, however close together', async () => {
    await start(0);
    await complain(1);
    await complain(2);
    expect(await staffLetters()).to.have.length(2);
    expect(Number(((await h.db('jobs').where({ kind: 'announce_batch' }).count({ n: '*' }).first()) as { n: number | string }).n)).to.equal(0);
  });
});

// What only a database server can do to us: drop the connection in the middle of a transaction. The
// registration must leave nothing behind, the message must lose no attempt (it did nothing wrong),
// and the next pass must register it whole, with the number the cut one gave back.
import { expect } from 'chai';
import { pipelineHarness, type Harness } from '../support/pipeline-harness';
import { testBackend } from '../support/test-store';
import { rawMail } from '../support/raw-mail';
import { openStore, type Db } from '../../src/store/db';
import { isStoreUnavailable } from '../../src/store/store-errors';

async function count(db: Db, table: string): Promise<number> {
  return Number(((await db(table).count({ n: '*' }).first()) as { n: number }).n);
}

/** The backend of a session waiting for a lock on this database, once there is one. */
async function waitingBackend(db: Db): Promise<number> {
  for (let i = 0; i < 200; i++) {
    const { rows } = (await db.raw("select pid from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'")) as { rows: Array<{ pid: number }> };
    if (rows[0]) return rows[0].pid;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('no session started waiting for the outbox lock');
}

/** Queries until one succeeds: the pool may hand out the cut connection once more before it notices, as the daemon's loops see. */
async function untilAnswering(db: Db): Promise<void> {
  for (let i = 0; i < 50; i++) {
    try {
      await db.raw('select 1');
      return;
    } catch (err) {
      if (!isStoreUnavailable(err)) throw err;
    }
  }
  throw new Error('the store did not answer again');
}

describe('a PostgreSQL connection cut in the middle of a registration', () => {
  let h: Harness;
  let other: Db;

  before(() => {
    if (testBackend() !== 'pg') throw new Error('test/pg needs COMPLAINTD_TEST_STORE=pg (scripts/test sets it)');
  });
  afterEach(async () => {
    await other.destroy();
    await h.close();
  });

  it('leaves no case, no letter and no used number, costs the message no attempt, and the next pass registers it', async () => {
    h = await pipelineHarness();
    other = openStore(h.storeOptions);
    await h.deliver(rawMail({ subject: 'Верните деньги' }));
    // The registration writes the case, its message and history, then blocks queueing its letters
    // behind this lock; its connection is cut right there.
    const lock = await other.transaction();
    await lock.raw('lock table outbox in access exclusive mode');
    const processing = h.processAll().then(() => null, (err: unknown) => err);
    await other.raw('select pg_terminate_backend(?)', [await waitingBackend(other)]);
    await lock.rollback();
    const failure = await processing;
    expect(isStoreUnavailable(failure), String(failure)).to.equal(true);
    await untilAnswering(h.db);

    for (const table of ['cases', 'messages', 'history', 'outbox', 'case_sequence']) expect(await count(h.db, table), table).to.equal(0);
    expect(await h.db('inbound').first('status', 'attempts')).to.deep.equal({ status: 'pending', attempts: 0 });

    expect(await h.processAll()).to.equal(1);
    expect(await h.db('cases').pluck('number')).to.deep.equal(['CMP-2026-000001']);
    expect(await count(h.db, 'outbox')).to.be.at.least(2);
  });
});

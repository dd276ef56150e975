// Two transactions that read a case and change it must not interleave: on PostgreSQL the processor,
// the scheduler and a staff command run at once, each on its own connection.
import { expect } from 'chai';
import { pipelineHarness, type Harness } from '../support/pipeline-harness';
import { rawMail } from '../support/raw-mail';
import { findCaseById, lockCase, setCaseStatus } from '../../src/store/case-repo';

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('holding a case while changing it', () => {
  let h: Harness;
  afterEach(async () => h.close());

  it('a transaction that holds a case makes a second one wait, which then reads the first one\'s change', async () => {
    h = await pipelineHarness();
    await h.deliver(rawMail({}));
    await h.processAll();
    const first = h.db.transaction(async (trx) => {
      await lockCase(trx, { id: 1 });
      await pause(200);
      await setCaseStatus(trx, 1, 'closed', '2026-11-27T10:05:00.000Z');
    });
    await pause(20);
    const seenBySecond = await h.db.transaction(async (trx) => {
      await lockCase(trx, { id: 1 });
      return (await findCaseById(trx, 1))?.status;
    });
    await first;
    expect(seenBySecond).to.equal('closed');
  });
});

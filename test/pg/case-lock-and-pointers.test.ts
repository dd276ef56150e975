// On PostgreSQL the processor holds a case for the rest of its group while the sender records the
// letters it sent: a history line or a letter that only points at the case must not wait for the
// holder (nor deadlock with it), while a second change of the case itself still waits.
import { expect } from 'chai';
import { pipelineHarness, type Harness } from '../support/pipeline-harness';
import { rawMail } from '../support/raw-mail';
import { lockCase } from '../../src/store/case-repo';
import { addHistory, historyOfCase } from '../../src/store/history-repo';

describe('a held case on PostgreSQL', () => {
  let h: Harness;
  let release: () => void = () => undefined;
  let holder: Promise<void> = Promise.resolve();

  beforeEach(async () => {
    h = await pipelineHarness();
    await h.deliver(rawMail({}));
    await h.processAll();
    let holding: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (holding = resolve));
    const released = new Promise<void>((resolve) => (release = resolve));
    holder = h.db.transaction(async (trx) => {
      await lockCase(trx, { id: 1 });
      holding();
      await released;
    });
    await held;
  });

  afterEach(async () => {
    release();
    await holder;
    await h.close();
  });

  it('takes a line of its history at once, from another connection, while the holder still holds it', async () => {
    await h.db.transaction(async (trx) => {
      await trx.raw("set local lock_timeout = '2s'");
      await addHistory(trx, 1, '2026-11-27T10:06:00.000Z', { event: 'acknowledgement_sent', actor: 'daemon', reason: 'written beside the holder' });
    });
    expect((await historyOfCase(h.db, 1)).map((e) => e.reason)).to.include('written beside the holder');
  });

  it('still makes a second holder wait', async () => {
    let refused: unknown = null;
    await h.db.transaction(async (trx) => {
      await trx.raw("set local lock_timeout = '300ms'");
      await lockCase(trx, { id: 1 });
    }).catch((err: unknown) => (refused = err));
    expect(String(refused)).to.match(/lock timeout/);
  });
});

// Case numbers under concurrency: on PostgreSQL registrations really run at once, each transaction on
// its own connection, and the per-year sequence must still give every committed case its own number
// with no gap, a rolled-back registration giving its number back. (SQLite runs them one by one.)
import { expect } from 'chai';
import { pipelineHarness, type Harness } from '../support/pipeline-harness';
import { rawMail } from '../support/raw-mail';
import { nextSequence } from '../../src/store/case-repo';
import { pendingInbound } from '../../src/store/inbound-repo';
import { processInbound } from '../../src/pipeline';

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('case numbers under concurrent registrations', function () {
  this.timeout(60_000);
  let h: Harness;
  afterEach(async () => h.close());

  it('thirty complaints registered at once get the numbers 1 to 30, each once', async () => {
    h = await pipelineHarness();
    for (let i = 0; i < 30; i++) await h.deliver(rawMail({ from: `client${i}@example.test`, subject: `Претензия ${i}` }));
    const rows = await pendingInbound(h.db, 100);
    const outcomes = await Promise.all(rows.map((row) => processInbound(h.deps, row)));
    expect(outcomes.map((o) => o.status)).to.deep.equal(rows.map(() => 'registered'));
    const numbers = ((await h.db('cases').select('number')) as Array<{ number: string }>).map((r) => r.number).sort();
    expect(numbers).to.deep.equal(Array.from({ length: 30 }, (_, i) => `CMP-2026-${String(i + 1).padStart(6, '0')}`));
  });

  it('numbers taken by transactions that roll back are given back: the committed ones have no gap', async () => {
    h = await pipelineHarness();
    const committed: number[] = [];
    const attempts = Array.from({ length: 24 }, async (_, i) => {
      try {
        await h.db.transaction(async (trx) => {
          const seq = await nextSequence(trx, 2026);
          // Holding the number a while makes the others queue behind this transaction.
          await pause(5);
          if (i % 3 === 0) throw new Error('registration failed after taking its number');
          committed.push(seq);
        });
      } catch (err) {
        if (!(err as Error).message.startsWith('registration failed')) throw err;
      }
    });
    await Promise.all(attempts);
    expect(committed.sort((a, b) => a - b)).to.deep.equal(Array.from({ length: 16 }, (_, i) => i + 1));
    expect(await nextSequence(h.db, 2026)).to.equal(17);
  });
});

import { expect } from 'chai';
import { pipelineHarness, type Harness } from '../support/pipeline-harness';
import { rawMail } from '../support/raw-mail';
import { pendingInbound } from '../../src/store/inbound-repo';

describe('fair order between senders in the inbound ledger', () => {
  let h: Harness;
  afterEach(async () => h.close());

  async function flood(n: number): Promise<void> {
    for (let i = 0; i < n; i++) await h.deliver(rawMail({ from: `Flood <flood@example.test>`, subject: `Flood ${i}`, body: `Жалоба номер ${i}` }));
  }

  it('a message from another sender behind 200 from one address is processed second, and all 201 are registered', async function () {
    this.timeout(120_000);
    h = await pipelineHarness();
    await flood(200);
    await h.deliver(rawMail({ from: 'Ольга <other@example.test>', subject: 'Моя жалоба', body: 'Прошу вернуть деньги.' }));
    await h.processAll();
    const cases = (await h.db('cases').orderBy('id').select('id', 'client_address')) as Array<{ id: number; client_address: string }>;
    expect(cases).to.have.length(201);
    expect(cases.findIndex((c) => c.client_address === 'other@example.test')).to.equal(1);
  });

  it('one sender\'s messages keep their arrival order while senders take turns', async () => {
    h = await pipelineHarness();
    await flood(3);
    await h.deliver(rawMail({ from: 'b@example.test' }));
    await h.deliver(rawMail({ from: 'B Two <b@example.test>' }));
    await h.deliver(rawMail({ from: null }));
    const order = (await pendingInbound(h.db, 20)).map((r) => r.id);
    expect(order).to.deep.equal([1, 4, 6, 2, 5, 3]);
  });
});

// Several instances process the same ledger: a row is processed by exactly one of them, and the
// other one leaves its outcome alone. On PostgreSQL the two really run at once.
import { expect } from 'chai';
import { pipelineHarness, type Harness } from '../support/pipeline-harness';
import { rawMail } from '../support/raw-mail';
import { processInbound } from '../../src/pipeline';
import { pendingInbound } from '../../src/store/inbound-repo';
import { claimDue } from '../../src/store/outbox-repo';

describe('two instances processing one ledger', () => {
  let h: Harness;
  afterEach(async () => h.close());

  it('a row taken by two processors at once becomes one case, and the second one says it was processed meanwhile', async () => {
    h = await pipelineHarness();
    await h.deliver(rawMail({ subject: 'Верните деньги', body: 'Прошу вернуть деньги за заказ.' }));
    const [row] = await pendingInbound(h.db, 10);
    const outcomes = await Promise.all([processInbound(h.deps, row!), processInbound(h.deps, row!)]);
    const statuses = outcomes.map((o) => o.status).sort();
    expect(statuses).to.deep.equal(['registered', 'registered']);
    expect(outcomes.filter((o) => o.reason === 'processed meanwhile by another instance')).to.have.length(1);
    expect(Number((await h.db('cases').count({ n: '*' }))[0]!.n)).to.equal(1);
    expect(Number((await h.db('outbox').where({ kind: 'acknowledgement' }).count({ n: '*' }))[0]!.n)).to.equal(1);
    const ledger = (await h.db('inbound').select('status', 'case_id')) as Array<{ status: string; case_id: number | null }>;
    expect(ledger).to.deep.equal([{ status: 'registered', case_id: 1 }]);
  });

  it('a row already processed is not processed again by an instance that read it while it was pending', async () => {
    h = await pipelineHarness();
    await h.deliver(rawMail({ subject: 'Сломан товар', body: 'Товар пришёл сломанным.' }));
    const [stale] = await pendingInbound(h.db, 10);
    expect(await h.processAll()).to.equal(1);
    const messagesBefore = Number((await h.db('messages').count({ n: '*' }))[0]!.n);
    const again = await processInbound(h.deps, stale!);
    expect(again).to.deep.equal({ status: 'registered', reason: 'processed meanwhile by another instance', caseNumber: null });
    expect(Number((await h.db('messages').count({ n: '*' }))[0]!.n)).to.equal(messagesBefore);
    expect(Number((await h.db('cases').count({ n: '*' }))[0]!.n)).to.equal(1);
  });
});

describe('one sender\'s messages across instances', () => {
  let h: Harness;
  afterEach(async () => h.close());

  it('a message waits while an earlier one from its sender is still pending elsewhere, and then both are handled in order', async () => {
    h = await pipelineHarness();
    await h.deliver(rawMail({ from: 'client1@example.test', subject: 'Сломан чайник', body: 'Чайник сломался на второй день.', messageId: 'first@client.example.test' }));
    await h.deliver(rawMail({ from: 'client1@example.test', subject: 'Re: Сломан чайник', body: 'Добавлю: чек прилагаю.', inReplyTo: 'first@client.example.test' }));
    const [, second] = await pendingInbound(h.db, 10);
    // Another instance has the first one in hand: this one must not overtake it.
    const early = await processInbound(h.deps, second!);
    expect(early.status).to.equal('deferred');
    expect(early.reason).to.match(/^waits for message #\d+ of the same sender/);
    expect((await h.db('inbound').orderBy('id').select('status')).map((r: { status: string }) => r.status)).to.deep.equal(['pending', 'pending']);
    await h.processAll();
    const ledger = (await h.db('inbound').orderBy('id').select('status', 'case_id')) as Array<{ status: string; case_id: number | null }>;
    expect(ledger).to.deep.equal([{ status: 'registered', case_id: 1 }, { status: 'follow_up', case_id: 1 }]);
  });

  it('messages of different senders do not wait for each other', async () => {
    h = await pipelineHarness();
    await h.deliver(rawMail({ from: 'client1@example.test', subject: 'Первая', body: 'Верните деньги.' }));
    await h.deliver(rawMail({ from: 'client2@example.test', subject: 'Вторая', body: 'Верните деньги.' }));
    const [, other] = await pendingInbound(h.db, 10);
    expect((await processInbound(h.deps, other!)).status).to.equal('registered');
  });
});

describe('several instances draining one outbox', () => {
  let h: Harness;
  afterEach(async () => h.close());

  it('senders claiming at the same moment take different letters, none twice', async () => {
    h = await pipelineHarness();
    for (let i = 0; i < 8; i++) await h.deliver(rawMail({ from: `client${i}@example.test`, subject: `Претензия ${i}`, body: 'Верните деньги.' }));
    await h.processAll();
    const queued = Number((await h.db('outbox').where({ status: 'queued' }).count({ n: '*' }))[0]!.n);
    expect(queued).to.be.greaterThan(8);
    const now = new Date(Date.now() + 60_000).toISOString();
    const batches = await Promise.all(['a', 'b', 'c'].map((owner) => claimDue(h.db, { now, owner, claimedUntil: new Date(Date.now() + 120_000).toISOString(), limit: Math.ceil(queued / 2) })));
    const ids = batches.flat().map((l) => l.id);
    expect(new Set(ids).size).to.equal(ids.length);
    expect(ids).to.have.length(queued);
  });
});

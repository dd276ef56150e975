// Values that SQLite takes without a word and PostgreSQL does not: over-long header values (varchar
// limits, index entries over ~2.7 kB), NUL characters in text, fractions stored as single floats.
// Mail decides these values, not us, so each must register on both backends.
import { expect } from 'chai';
import { pipelineHarness, fixedVerdict, type Harness } from '../support/pipeline-harness';
import { rawMail } from '../support/raw-mail';
import { findCaseById } from '../../src/store/case-repo';
import { messagesOfCase } from '../../src/store/message-repo';
import { pendingInbound, recordFetched } from '../../src/store/inbound-repo';
import { seededRandom } from '../../src/classifier/seeded-random';

describe('values from mail that one backend would refuse', () => {
  let h: Harness;
  afterEach(async () => h.close());

  const statuses = async (): Promise<string[]> => ((await h.db('inbound').orderBy('id').select('status', 'reason')) as Array<{ status: string; reason: string }>).map((r) => (r.status === 'pending' || r.status === 'quarantined' ? `${r.status}: ${r.reason}` : r.status));

  it('a complaint with a 5000-character subject, a 700-character name and a 990-character Message-ID is registered', async () => {
    h = await pipelineHarness();
    const subject = `Претензия ${'очень длинная тема '.repeat(270)}`.slice(0, 5000);
    const messageId = `${'x'.repeat(970)}@client.example.test`;
    await h.deliver(rawMail({ from: `"${'Я'.repeat(700)}" <client1@example.test>`, subject, messageId }));
    await h.processAll();
    expect(await statuses()).to.deep.equal(['registered']);
    const kase = await findCaseById(h.db, 1);
    // The parser cuts subjects at 1000 characters and names at 200; what it kept is stored whole.
    expect(kase?.subject).to.match(/^Претензия очень длинная тема/).and.to.have.length.of.at.least(1000);
    expect(kase?.clientName).to.match(/^Я+$/).and.to.have.length.of.at.least(200);
    expect((await messagesOfCase(h.db, 1))[0]?.messageId).to.equal(messageId);
  });

  it('a subject of 900 characters that do not compress, 3 bytes each in UTF-8, is registered and threads its reply', async () => {
    h = await pipelineHarness();
    // Index entries over ~2.7 kB fail on PostgreSQL; repetitive text would be compressed below that.
    const random = seededRandom(7);
    const subject = Array.from({ length: 900 }, () => String.fromCodePoint(0x4e00 + Math.floor(random() * 20000))).join('');
    await h.deliver(rawMail({ subject }));
    await h.deliver(rawMail({ subject: `Re: ${subject}` }));
    await h.processAll();
    expect(await statuses()).to.deep.equal(['registered', 'follow_up']);
  });

  it('a ledger row for a Message-ID the server reports as 3000 characters is recorded', async () => {
    h = await pipelineHarness();
    const messageKey = `<${'z'.repeat(3000)}@client.example.test>`;
    await recordFetched(h.db, [{ mailbox: 'INBOX', uidvalidity: '1', uid: 1, messageKey, raw: rawMail({}), receivedAt: '2026-11-27T09:59:30.000Z' }], '2026-11-27T10:00:00.000Z');
    expect(((await pendingInbound(h.db, 10))[0])?.messageKey).to.equal(messageKey);
  });

  it('the same over-long message delivered twice is registered once', async () => {
    h = await pipelineHarness();
    const raw = rawMail({ subject: 'Тема '.repeat(900), messageId: `${'y'.repeat(3000)}@client.example.test` });
    await h.deliver(raw);
    await h.deliver(raw);
    await h.processAll();
    expect(await statuses()).to.deep.equal(['registered', 'duplicate']);
  });

  it('a NUL character in the subject and the body does not stop the complaint from registering', async () => {
    h = await pipelineHarness();
    await h.deliver(rawMail({ subject: 'Возврат\u0000денег', body: 'Верните\u0000деньги за заказ 7.' }));
    await h.processAll();
    expect(await statuses()).to.deep.equal(['registered']);
    expect((await findCaseById(h.db, 1))?.body).to.contain('деньги за заказ 7');
  });

  it("a classifier's confidence is kept to the digit, not rounded to a single float", async () => {
    h = await pipelineHarness({ categorize: () => ({ ...fixedVerdict, source: 'classifier', confidence: 0.123456789012, needsReview: true }) });
    await h.deliver(rawMail({}));
    await h.processAll();
    expect((await findCaseById(h.db, 1))?.categoryConfidence).to.equal(0.123456789012);
  });
});

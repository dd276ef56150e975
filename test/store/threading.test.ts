import { expect } from 'chai';
import { simpleParser } from 'mailparser';
import { pipelineHarness, type Harness } from '../support/pipeline-harness';
import { rawMail } from '../support/raw-mail';

async function rows(h: Harness, table: string): Promise<Array<Record<string, unknown>>> {
  return (await h.db(table).select('*').orderBy(table === 'case_participants' ? 'first_seen_at' : 'id')) as Array<Record<string, unknown>>;
}

/** Registers one complaint and returns the Reply-To address its acknowledgement carries. */
async function complaintWithAck(h: Harness, spec: Parameters<typeof rawMail>[0] = {}): Promise<{ replyTo: string; ackId: string }> {
  await h.deliver(rawMail({ subject: 'Не вернули деньги', ...spec }));
  await h.processAll();
  const ack = (await rows(h, 'outbox')).filter((r) => r.kind === 'acknowledgement').at(-1);
  const parsed = await simpleParser(ack?.raw as Buffer);
  return { replyTo: parsed.replyTo?.value[0]?.address ?? '', ackId: ack?.message_id as string };
}

async function historyOf(h: Harness, caseId: number): Promise<Array<{ event: string; reason: string }>> {
  return (await h.db('history').where({ case_id: caseId }).orderBy('id')) as Array<{ event: string; reason: string }>;
}

describe('threading on the store', () => {
  let h: Harness;
  afterEach(async () => h.close());

  it('every letter to the client carries a signed plus-address as Reply-To', async () => {
    h = await pipelineHarness();
    const { replyTo } = await complaintWithAck(h);
    expect(replyTo).to.match(/^complaints\+c1-[a-z0-9]+@example\.test$/);
    const notice = (await rows(h, 'outbox')).find((r) => r.kind === 'staff_notice');
    const parsedNotice = await simpleParser(notice?.raw as Buffer);
    // The announcement goes to the department's queue, so its token works for any member of the department.
    expect(parsedNotice.replyTo?.value[0]?.address).to.match(/^complaints\+d1-[a-z0-9]+@example\.test$/);
  });

  it('a reply to the Reply-To address threads even with no threading headers and a new subject', async () => {
    h = await pipelineHarness();
    const { replyTo } = await complaintWithAck(h);
    await h.deliver(rawMail({ to: replyTo, subject: 'ещё вопрос', body: 'Забыла приложить номер заказа: 123.' }));
    await h.processAll();
    expect(await rows(h, 'cases')).to.have.length(1);
    const inbound = (await rows(h, 'inbound')).at(-1);
    expect(inbound).to.include({ status: 'follow_up', case_id: 1 });
    expect(inbound?.reason).to.contain('reply address of case CMP-2026-000001');
  });

  it('a forged reply token is ignored: the letter becomes a new case', async () => {
    h = await pipelineHarness();
    const { replyTo } = await complaintWithAck(h);
    const forged = replyTo.replace(/-(...)[a-z2-7]{10}@/, '-$1aaaaaaaaaa@');
    await h.deliver(rawMail({ from: 'intruder@example.test', to: forged, subject: 'hello' }));
    await h.processAll();
    expect(await rows(h, 'cases')).to.have.length(2);
    expect((await historyOf(h, 1)).map((e) => e.event)).to.not.include('follow_up');
  });

  it('the complaint\'s own words are stored apart from the quoted history, the full body kept too', async () => {
    h = await pipelineHarness();
    const { ackId } = await complaintWithAck(h);
    const body = 'Деньги так и не пришли, прошу ускорить.\n\n27 нояб. 2026 г., в 13:00, Служба претензий <complaints@example.test> пишет:\n> Ваша претензия получена и зарегистрирована под номером CMP-2026-000001.\n> Мы рассмотрим её.';
    await h.deliver(rawMail({ subject: 'Re: [CMP-2026-000001] Не вернули деньги', inReplyTo: ackId, body }));
    await h.processAll();
    const msg = (await rows(h, 'messages')).find((m) => m.kind === 'follow_up');
    expect(String(msg?.new_text).trim()).to.equal('Деньги так и не пришли, прошу ускорить.');
    expect(String(msg?.quote_text)).to.contain('зарегистрирована под номером');
    expect(String(msg?.text)).to.contain('пишет:');
  });

  it('a stranger with the case tag gets a new case linked to the named one, and both histories say so', async () => {
    h = await pipelineHarness();
    await complaintWithAck(h);
    await h.deliver(rawMail({ from: 'stranger@example.test', subject: 'Re: [CMP-2026-000001] у меня то же самое' }));
    await h.processAll();
    expect(await rows(h, 'cases')).to.have.length(2);
    expect(await rows(h, 'case_links')).to.have.length(1);
    expect((await historyOf(h, 2)).find((e) => e.event === 'linked')?.reason).to.contain('linked to case CMP-2026-000001');
    expect((await historyOf(h, 1)).find((e) => e.event === 'linked')?.reason).to.contain('new case CMP-2026-000002');
  });

  it('someone the client copied on the complaint may use the case tag: they are a participant', async () => {
    h = await pipelineHarness();
    await complaintWithAck(h, { headers: { Cc: 'husband@example.test' } });
    await h.deliver(rawMail({ from: 'husband@example.test', subject: 'Re: [CMP-2026-000001] Не вернули деньги', body: 'Добавлю от себя: чек у меня.' }));
    await h.processAll();
    expect(await rows(h, 'cases')).to.have.length(1);
    expect((await rows(h, 'case_participants')).map((r) => r.address)).to.include.members(['client1@example.test', 'husband@example.test']);
    expect((await rows(h, 'case_participants')).map((r) => r.address)).to.not.include('complaints@example.test');
  });

  it('the same sender and subject within the window joins the open case as a fallback', async () => {
    h = await pipelineHarness();
    await complaintWithAck(h, { subject: 'Сломанный чайник' });
    await h.deliver(rawMail({ subject: 'RE: сломанный  чайник', body: 'Ещё подробности.' }));
    await h.processAll();
    expect(await rows(h, 'cases')).to.have.length(1);
    expect((await rows(h, 'inbound')).at(-1)?.reason).to.match(/^fallback: same sender and subject/);
  });

  it('"Спасибо!" on a decided case is recorded and does not reopen it', async () => {
    h = await pipelineHarness();
    const { ackId } = await complaintWithAck(h);
    await h.db('cases').where({ id: 1 }).update({ status: 'decided', decided_at: '2026-11-20T10:00:00.000Z' });
    await h.deliver(rawMail({ subject: 'Re: [CMP-2026-000001] Не вернули деньги', inReplyTo: ackId, body: 'Спасибо!' }));
    await h.processAll();
    expect((await rows(h, 'cases'))[0]).to.include({ status: 'decided' });
    expect((await historyOf(h, 1)).at(-1)?.event).to.equal('thanks_recorded');
    expect((await rows(h, 'outbox')).filter((r) => r.kind === 'acknowledgement')).to.have.length(1);
  });

  it('a new problem on a case decided within the reopen window reopens it', async () => {
    h = await pipelineHarness();
    const { ackId } = await complaintWithAck(h);
    await h.db('cases').where({ id: 1 }).update({ status: 'decided', decided_at: '2026-11-20T10:00:00.000Z' });
    await h.deliver(rawMail({ subject: 'Re: Не вернули деньги', inReplyTo: ackId, body: 'Деньги пришли не все, не хватает 500 рублей.' }));
    await h.processAll();
    expect((await rows(h, 'cases'))[0]).to.include({ status: 'reopened', decided_at: null });
    expect((await historyOf(h, 1)).at(-1)?.event).to.equal('reopened');
  });

  it('a new problem on a case closed longer ago than the reopen window starts a new linked case, acknowledged', async () => {
    h = await pipelineHarness();
    const { ackId } = await complaintWithAck(h);
    await h.db('cases').where({ id: 1 }).update({ status: 'closed', decided_at: '2026-08-01T10:00:00.000Z', closed_at: '2026-08-15T10:00:00.000Z' });
    await h.deliver(rawMail({ subject: 'Re: Не вернули деньги', inReplyTo: ackId, body: 'Снова проблема: новый заказ тоже не доставили.' }));
    await h.processAll();
    const cases = await rows(h, 'cases');
    expect(cases).to.have.length(2);
    expect(cases[0]).to.include({ status: 'closed' });
    const links = await rows(h, 'case_links');
    expect(links).to.have.length(1);
    expect(links[0]).to.include({ case_id: 2, linked_case_id: 1, relation: 'continues' });
    expect((await rows(h, 'outbox')).filter((r) => r.kind === 'acknowledgement')).to.have.length(2);
  });

  it('an auto-reply threaded to a decided case is only recorded: no reopen', async () => {
    h = await pipelineHarness();
    const { ackId } = await complaintWithAck(h);
    await h.db('cases').where({ id: 1 }).update({ status: 'decided', decided_at: '2026-11-20T10:00:00.000Z' });
    await h.deliver(rawMail({ subject: 'Automatic reply', inReplyTo: ackId, headers: { 'Auto-Submitted': 'auto-replied' }, body: 'I am out of office.' }));
    await h.processAll();
    expect((await rows(h, 'cases'))[0]).to.include({ status: 'decided' });
    expect((await historyOf(h, 1)).at(-1)?.event).to.equal('automated_recorded');
  });

  it('a client answer on a case waiting for information resumes it', async () => {
    h = await pipelineHarness();
    const { ackId } = await complaintWithAck(h);
    await h.db('cases').where({ id: 1 }).update({ status: 'awaiting_info' });
    await h.deliver(rawMail({ subject: 'Re: Не вернули деньги', inReplyTo: ackId, body: 'Номер заказа 4455.' }));
    await h.processAll();
    expect((await rows(h, 'cases'))[0]).to.include({ status: 'in_progress' });
    expect((await historyOf(h, 1)).at(-1)?.event).to.equal('resumed');
  });
});

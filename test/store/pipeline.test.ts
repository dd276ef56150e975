import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { simpleParser } from 'mailparser';
import { pipelineHarness, fixedVerdict, type Harness } from '../support/pipeline-harness';
import { rawMail, uniqueId } from '../support/raw-mail';
import { Worker } from 'node:worker_threads';
import { findCaseById } from '../../src/store/case-repo';
import { BoundedParser, spawnParseWorker } from '../../src/mail/bounded-parse';

/** A parse thread that says it is ready and never answers. */
const stuckThread = (): Worker => new Worker(
  "const { parentPort } = require('node:worker_threads'); parentPort.postMessage({ ready: true }); parentPort.on('message', () => { for (;;) {} });",
  { eval: true },
);

async function rows(h: Harness, table: string): Promise<Array<Record<string, unknown>>> {
  return (await h.db(table).select('*').orderBy('id')) as Array<Record<string, unknown>>;
}

describe('the pipeline on the store', () => {
  let h: Harness;
  afterEach(async () => h.close());

  it('a complaint becomes a numbered case with its acknowledgement and staff notice queued', async () => {
    h = await pipelineHarness();
    const id = uniqueId();
    await h.deliver(rawMail({ messageId: id, subject: 'Возврат денег' }));
    await h.processAll();
    const cases = await rows(h, 'cases');
    expect(cases).to.have.length(1);
    expect(cases[0]).to.include({ number: 'CMP-2026-000001', client_address: 'client1@example.test', client_name: 'Анна Петрова', subject: 'Возврат денег', category: 'refund', locale: 'ru' });
    const outbox = await rows(h, 'outbox');
    expect(outbox.map((r) => r.kind)).to.deep.equal(['acknowledgement', 'staff_notice']);
    const ack = await simpleParser(outbox[0]?.raw as Buffer);
    expect(ack.subject).to.equal('[CMP-2026-000001] Возврат денег');
    expect(ack.inReplyTo).to.equal(`<${id}>`);
    expect(ack.headers.get('auto-submitted')).to.equal('auto-replied');
    expect(ack.messageId).to.equal(`<${outbox[0]?.message_id as string}>`);
    expect(ack.text).to.contain('CMP-2026-000001');
    const history = (await rows(h, 'history')).map((r) => r.event);
    expect(history).to.deep.equal(['registered', 'categorised', 'deadline_set', 'queued', 'acknowledgement_queued', 'staff_notified']);
  });

  it('a case is received when the mail server received it, whatever the sender\'s Date header says', async () => {
    h = await pipelineHarness();
    await h.deliver(rawMail({ date: 'Mon, 01 Jan 2024 00:00:00 +0000' }));
    await h.processAll();
    expect((await rows(h, 'cases'))[0]).to.include({ received_at: '2026-11-27T09:59:30.000Z' });
  });

  it('an English complaint is acknowledged in English', async () => {
    h = await pipelineHarness();
    await h.deliver(rawMail({ subject: 'Refund please', body: 'I was charged twice for my order and want my money back.' }));
    await h.processAll();
    const [ack] = await rows(h, 'outbox');
    const parsed = await simpleParser(ack?.raw as Buffer);
    expect(parsed.text).to.contain('We received your complaint');
  });

  it('the same Message-ID delivered twice creates one case and one acknowledgement', async () => {
    h = await pipelineHarness();
    const raw = rawMail({ messageId: uniqueId() });
    await h.deliver(raw);
    await h.deliver(raw);
    await h.processAll();
    expect(await rows(h, 'cases')).to.have.length(1);
    expect((await rows(h, 'outbox')).filter((r) => r.kind === 'acknowledgement')).to.have.length(1);
    expect((await rows(h, 'inbound')).map((r) => r.status)).to.deep.equal(['registered', 'duplicate']);
  });

  it('a stranger\'s message that reuses a registered Message-ID is registered, not dropped as a duplicate', async () => {
    h = await pipelineHarness();
    const id = uniqueId('reused');
    await h.deliver(rawMail({ messageId: id }));
    await h.deliver(rawMail({ messageId: id, from: 'someone.else@example.test', body: 'Совсем другая претензия.' }));
    await h.processAll();
    expect((await rows(h, 'inbound')).map((r) => r.status)).to.deep.equal(['registered', 'registered']);
  });

  it('a message without Message-ID delivered twice is recognised by its content hash', async () => {
    h = await pipelineHarness();
    const raw = rawMail({ messageId: null, date: 'Fri, 27 Nov 2026 10:00:00 +0300' });
    await h.deliver(raw);
    await h.deliver(raw);
    await h.processAll();
    expect(await rows(h, 'cases')).to.have.length(1);
    const inbound = await rows(h, 'inbound');
    expect(inbound[1]).to.include({ status: 'duplicate' });
    expect(inbound[1]?.reason).to.match(/^already registered \(sha256:[0-9a-f]{64}\)$/);
  });

  it('thirty complaints get thirty consecutive numbers', async () => {
    h = await pipelineHarness();
    // Distinct subjects: the same sender and subject would rightly thread as follow-ups (the fallback).
    for (let i = 0; i < 30; i++) await h.deliver(rawMail({ subject: `Претензия ${i}` }));
    await h.processAll();
    const numbers = (await rows(h, 'cases')).map((r) => r.number);
    expect(numbers).to.deep.equal(Array.from({ length: 30 }, (_, i) => `CMP-2026-${String(i + 1).padStart(6, '0')}`));
  });

  it('a reply naming our acknowledgement is a follow-up: no new case, no letter to the client, forwarded to the department', async () => {
    h = await pipelineHarness();
    await h.deliver(rawMail({ subject: 'Брак' }));
    await h.processAll();
    const ackId = (await rows(h, 'outbox'))[0]?.message_id as string;
    await h.deliver(rawMail({ subject: 'Re: [CMP-2026-000001] Брак', inReplyTo: ackId, references: [ackId], body: 'Добавляю фото чека.' }));
    await h.processAll();
    expect(await rows(h, 'cases')).to.have.length(1);
    expect((await rows(h, 'outbox')).map((r) => `${r.kind} ${r.envelope_to as string}`)).to.deep.equal(['acknowledgement client1@example.test', 'staff_notice refunds@example.test', 'staff_forward refunds@example.test']);
    const followUp = (await rows(h, 'messages')).find((m) => m.kind === 'follow_up');
    expect(followUp).to.include({ case_id: 1 });
    expect(String(followUp?.text).trim()).to.equal('Добавляю фото чека.');
    const last = (await rows(h, 'history')).at(-1);
    expect(last).to.include({ event: 'follow_up' });
    expect(last?.reason).to.contain(`In-Reply-To names our letter <${ackId}>`);
  });

  it('a tagged subject from a stranger opens a new case and leaves the tagged one alone', async () => {
    h = await pipelineHarness();
    await h.deliver(rawMail({}));
    await h.processAll();
    await h.deliver(rawMail({ from: 'other@example.test', subject: 'Re: [CMP-2026-000001] я тоже' }));
    await h.processAll();
    const cases = await rows(h, 'cases');
    expect(cases).to.have.length(2);
    const registered = (await rows(h, 'history')).filter((r) => r.event === 'registered');
    expect(registered[1]?.reason).to.contain('never on its thread');
  });

  it('an out-of-office reply that names no case is recorded and not answered', async () => {
    h = await pipelineHarness();
    await h.deliver(rawMail({ headers: { 'Auto-Submitted': 'auto-replied' }, subject: 'Out of office' }));
    await h.processAll();
    expect(await rows(h, 'cases')).to.have.length(0);
    expect(await rows(h, 'outbox')).to.have.length(0);
    const [row] = await rows(h, 'inbound');
    expect(row).to.include({ status: 'automated' });
    expect(row?.reason).to.match(/auto-submitted/i);
  });

  it('a message with no sender is quarantined with its reason and the next one is still registered', async () => {
    h = await pipelineHarness();
    await h.deliver(rawMail({ from: null }));
    await h.deliver(rawMail({}));
    await h.processAll();
    const inbound = await rows(h, 'inbound');
    expect(inbound[0]).to.include({ status: 'quarantined' });
    expect(inbound[0]?.reason).to.match(/sender/);
    expect(inbound[1]).to.include({ status: 'registered' });
  });

  it('a message that keeps failing is retried on later passes, then quarantined with the error', async () => {
    let calls = 0;
    h = await pipelineHarness({
      categorize: () => {
        calls++;
        throw new Error('classifier exploded');
      },
    });
    await h.deliver(rawMail({}));
    await h.processAll();
    // One attempt per pass: the next try waits for the next tick instead of spinning.
    expect((await rows(h, 'inbound'))[0]).to.include({ status: 'pending', attempts: 1 });
    for (let i = 0; i < 2; i++) await h.processAll();
    expect(calls).to.equal(3);
    const [row] = await rows(h, 'inbound');
    expect(row).to.include({ status: 'quarantined', attempts: 3 });
    expect(row?.reason).to.equal('processing failed 3 times: classifier exploded');
    expect(await rows(h, 'cases')).to.have.length(0);
  });

  it('a message whose parse never finishes is quarantined at once with the reason and staff alerted, and the next one is registered', async () => {
    h = await pipelineHarness({ config: { staff: { members: [{ address: 'supervisor@example.test', name: 'Ольга', role: 'supervisor', department: 'refunds', locale: 'ru' }] } } });
    let threads = 0;
    // The first thread hangs on its message (as a parse stuck in pathological input would); the next is the real one.
    h.deps.parser = new BoundedParser({ timeoutMs: 300, memoryMb: 256 }, (bounds) => (++threads === 1 ? stuckThread() : spawnParseWorker(bounds)));
    await h.deliver(rawMail({ subject: 'Бомба' }));
    await h.deliver(rawMail({ subject: 'Обычная претензия' }));
    await h.processAll();
    const inbound = await rows(h, 'inbound');
    expect(inbound[0]).to.include({ status: 'quarantined', attempts: 0, reason: 'parsing took longer than 300 ms (mail.parseTimeoutMs), given up' });
    expect(inbound[1]).to.include({ status: 'registered' });
    expect((await rows(h, 'alerts')).map((a) => a.kind)).to.deep.equal(['quarantine']);
  });

  it('messages processed in one group commit stand when a later one of the group fails halfway, and the failed one leaves nothing of itself', async () => {
    h = await pipelineHarness();
    // The second complaint fails after its case was written, when its acknowledgement is queued.
    if (h.db.client.config.client === 'pg') {
      await h.db.raw(`create or replace function refuse_client2() returns trigger as $$ begin if new.envelope_to like 'client2%' then raise exception 'outbox refused'; end if; return new; end $$ language plpgsql`);
      await h.db.raw('create trigger refuse_client2 before insert on outbox for each row execute function refuse_client2()');
    } else {
      await h.db.raw(`create trigger refuse_client2 before insert on outbox when new.envelope_to like 'client2%' begin select raise(abort, 'outbox refused'); end`);
    }
    await h.deliver(rawMail({ from: 'client1@example.test', subject: 'Первая' }));
    await h.deliver(rawMail({ from: 'client2@example.test', subject: 'Вторая' }));
    await h.deliver(rawMail({ from: 'client3@example.test', subject: 'Третья' }));
    await h.processAll();
    const inbound = await h.db('inbound').orderBy('id').select('status', 'attempts');
    expect(inbound).to.deep.equal([{ status: 'registered', attempts: 0 }, { status: 'pending', attempts: 1 }, { status: 'pending', attempts: 0 }]);
    const cases = await rows(h, 'cases');
    expect(cases.map((c) => c.client_address)).to.deep.equal(['client1@example.test']);
    expect((await rows(h, 'outbox')).every((l) => l.case_id === cases[0]?.id)).to.equal(true);
    await h.db.raw('drop trigger refuse_client2' + (h.db.client.config.client === 'pg' ? ' on outbox' : ''));
    await h.processAll();
    expect((await h.db('inbound').orderBy('id').select('status')).map((r: { status: string }) => r.status)).to.deep.equal(['registered', 'registered', 'registered']);
  });

  it('a low-confidence verdict is announced to staff as needing review', async () => {
    h = await pipelineHarness({ categorize: () => ({ ...fixedVerdict, source: 'classifier', confidence: 0.31, needsReview: true }) });
    await h.deliver(rawMail({}));
    await h.processAll();
    const notice = (await rows(h, 'outbox')).find((r) => r.kind === 'staff_notice');
    const parsed = await simpleParser(notice?.raw as Buffer);
    expect(parsed.subject).to.contain('проверьте категорию');
    expect(parsed.text).to.contain('ТРЕБУЕТ ПРОВЕРКИ').and.to.contain('31%');
    // Through the repository: a raw row says 1 on SQLite and true on PostgreSQL.
    expect(await findCaseById(h.db, 1)).to.include({ needsReview: true });
  });

  it('attachments are kept with checksum, size and a safe name, and one over the limit without its content', async () => {
    h = await pipelineHarness();
    const small = Buffer.from('%PDF-1.4 receipt');
    const big = Buffer.alloc(150_000, 7);
    const raw = Buffer.from([
      'From: client1@example.test', 'To: complaints@example.test', 'Subject: Чек', `Message-ID: <${uniqueId('att')}>`, 'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="b"', '', '--b', 'Content-Type: text/plain; charset=utf-8', '', 'Чек и видео прилагаю.',
      '--b', 'Content-Type: application/pdf; name="../../etc/чек.pdf"', 'Content-Disposition: attachment; filename="../../etc/чек.pdf"', 'Content-Transfer-Encoding: base64', '', small.toString('base64'),
      '--b', 'Content-Type: video/mp4', 'Content-Disposition: attachment; filename="video.mp4"', 'Content-Transfer-Encoding: base64', '', big.toString('base64'),
      '--b--', '',
    ].join('\r\n'));
    await h.deliver(raw);
    await h.processAll();
    const atts = (await rows(h, 'attachments')) as Array<{ safe_name: string; size: number; sha256: string; content: Buffer | null; dropped_reason: string | null }>;
    expect(atts.map((a) => a.safe_name)).to.deep.equal(['чек.pdf', 'video.mp4']);
    expect(atts[0]?.content?.equals(small)).to.equal(true);
    expect(atts[0]?.sha256).to.equal(createHash('sha256').update(small).digest('hex'));
    expect(atts[1]).to.include({ size: 150_000, content: null, dropped_reason: 'over size limit 100000 bytes' });
    expect(atts[1]?.sha256).to.equal(createHash('sha256').update(big).digest('hex'));
  });

  it('a bounce signed by a bare MAILER-DAEMON is recorded as automated, not quarantined', async () => {
    h = await pipelineHarness();
    const raw = Buffer.from([
      'From: MAILER-DAEMON', 'To: complaints@example.test', 'Subject: Returned mail: User unknown', `Message-ID: <${uniqueId('bounce')}>`, 'MIME-Version: 1.0',
      'Content-Type: multipart/report; report-type=delivery-status; boundary="r"', '', '--r', 'Content-Type: text/plain', '', 'User unknown',
      '--r', 'Content-Type: message/delivery-status', '', 'Reporting-MTA: dns; mx.example.test', '', 'Final-Recipient: rfc822; gone@example.test', 'Action: failed', 'Status: 5.1.1',
      '--r--', '',
    ].join('\r\n'));
    await h.deliver(raw);
    await h.processAll();
    const [row] = await rows(h, 'inbound');
    expect(row).to.include({ status: 'automated', reason: 'not a complaint: bounce (rfc3464): gone@example.test 5.1.1 no_such_user naming no letter of ours (it returns no Message-ID and it came to no VERP address)' });
    expect(await rows(h, 'outbox')).to.have.length(0);
  });
});

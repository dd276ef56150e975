import { expect } from 'chai';
import { simpleParser } from 'mailparser';
import { pipelineHarness, type Harness } from '../support/pipeline-harness';
import { rawMail, uniqueId, type RawMailSpec } from '../support/raw-mail';

// A message over mail.maxMessageBytes reaches the pipeline as its header block and its real size:
// intake never fetched the rest (see the mailbox-sync suite).
const SIZE = 31_457_280;
const STAFF = { members: [{ address: 'supervisor@example.test', name: 'Ольга', role: 'supervisor', department: 'refunds', locale: 'ru' }] };

function headerBlock(spec: RawMailSpec): Buffer {
  const raw = rawMail(spec);
  return raw.subarray(0, raw.indexOf('\r\n\r\n') + 4);
}

describe('a message over the size limit, known by its header block', () => {
  let h: Harness;
  afterEach(async () => h.close());

  const rows = async (table: string): Promise<Array<Record<string, unknown>>> => (await h.db(table).select('*').orderBy('id')) as Array<Record<string, unknown>>;
  const letters = async (kind: string): Promise<Array<{ to: string; subject: string; text: string; inReplyTo: string | undefined; autoSubmitted: unknown }>> => {
    const found = (await h.db('outbox').where({ kind }).orderBy('id')) as Array<{ envelope_to: string; raw: Buffer }>;
    return Promise.all(found.map(async (r) => {
      const m = await simpleParser(r.raw);
      return { to: r.envelope_to, subject: m.subject ?? '', text: m.text ?? '', inReplyTo: m.inReplyTo, autoSubmitted: m.headers.get('auto-submitted') };
    }));
  };

  it('by default is registered from its headers, kept in quarantine, the client told it was registered, and staff alerted', async () => {
    h = await pipelineHarness({ config: { staff: STAFF } });
    await h.deliver(headerBlock({ subject: 'Видео с камеры: курьер разбил посылку' }), SIZE);
    await h.processAll();
    const [inbound] = await rows('inbound');
    expect(inbound).to.include({ status: 'quarantined', case_id: 1 });
    expect(inbound?.reason).to.match(/^too large: 31457280 bytes \(30\.0 MB\), over mail\.maxMessageBytes 1000000; .*registered from its headers as CMP-2026-000001/);
    const [kase] = await rows('cases');
    expect(kase).to.include({ subject: 'Видео с камеры: курьер разбил посылку', client_address: 'client1@example.test' });
    expect(kase?.body).to.contain('only its headers were read');
    const [ack] = await letters('acknowledgement');
    expect(ack?.subject).to.equal('[CMP-2026-000001] Получено: Видео с камеры: курьер разбил посылку');
    expect(ack?.text).to.contain('зарегистрировано под номером CMP-2026-000001').and.contain('30.0 МБ').and.contain('Отправлять письмо повторно не нужно');
    const alerts = await rows('alerts');
    expect(alerts.map((a) => a.kind)).to.deep.equal(['quarantine']);
    const [alert] = await letters('alert');
    expect(alert?.to).to.equal('supervisor@example.test');
    expect(alert?.text).to.contain('too large: 31457280 bytes').and.contain('quarantine folder');
  });

  it('with mail.tooLarge "too-large" registers nothing and tells the sender, in answer to the message, how to send it', async () => {
    h = await pipelineHarness({ config: { staff: STAFF, mail: { tooLarge: 'too-large' } } });
    const id = uniqueId('big');
    await h.deliver(headerBlock({ messageId: id, subject: 'Complaint with photos', from: 'Jane Roe <jane@example.test>' }), SIZE);
    await h.processAll();
    expect(await rows('cases')).to.have.length(0);
    const [inbound] = await rows('inbound');
    expect(inbound).to.include({ status: 'quarantined', case_id: null });
    expect(inbound?.reason).to.contain('not registered (mail.tooLarge: too-large): the sender was told how to send it');
    const [letter] = await letters('acknowledgement');
    expect(letter).to.include({ to: 'jane@example.test', subject: 'Your message was too large: Complaint with photos', inReplyTo: `<${id}>`, autoSubmitted: 'auto-replied' });
    expect(letter?.text).to.contain('Hello Jane Roe').and.contain('is 30.0 MB, more than the 1.0 MB').and.contain('send it again, smaller');
    expect((await rows('alerts')).map((a) => a.kind)).to.deep.equal(['quarantine']);
  });

  it('an automated message over the limit is answered by nobody: quarantined and staff alerted only', async () => {
    h = await pipelineHarness({ config: { staff: STAFF } });
    await h.deliver(headerBlock({ subject: 'Out of office', headers: { 'Auto-Submitted': 'auto-replied' } }), SIZE);
    await h.processAll();
    expect(await rows('cases')).to.have.length(0);
    expect(await letters('acknowledgement')).to.have.length(0);
    const [inbound] = await rows('inbound');
    expect(inbound).to.include({ status: 'quarantined' });
    expect(inbound?.reason).to.match(/nobody answered: not a complaint: .*auto-submitted/i);
    expect((await rows('alerts')).map((a) => a.kind)).to.deep.equal(['quarantine']);
  });

  it('the answer to a sender over the ceiling on automatic letters is held back, and said so', async () => {
    h = await pipelineHarness({ config: { staff: STAFF, mail: { tooLarge: 'too-large', autoLetterCeiling: { perRecipientPerHour: 1, perRecipientPerDay: 10, globalPerHour: 100 } } } });
    await h.deliver(headerBlock({ subject: 'first' }), SIZE);
    await h.deliver(headerBlock({ subject: 'second' }), SIZE);
    await h.processAll();
    expect(await letters('acknowledgement')).to.have.length(1);
    const [, second] = await rows('inbound');
    expect(second?.reason).to.contain('the letter to the sender was held back: 1 automatic letters to client1@example.test in the last hour');
    expect((await rows('alerts')).map((a) => a.kind)).to.include('mail_loop');
  });

  it('a reply over the limit from the client of a case is recorded on that case and the client told there', async () => {
    h = await pipelineHarness({ config: { staff: STAFF } });
    const first = uniqueId('first');
    await h.deliver(rawMail({ messageId: first, subject: 'Возврат денег' }));
    await h.deliver(headerBlock({ subject: 'Re: [CMP-2026-000001] Возврат денег', inReplyTo: first }), SIZE);
    await h.processAll();
    expect(await rows('cases')).to.have.length(1);
    const [, reply] = await rows('inbound');
    expect(reply).to.include({ status: 'quarantined', case_id: 1 });
    const acks = await letters('acknowledgement');
    expect(acks.map((a) => a.subject)).to.deep.equal(['[CMP-2026-000001] Возврат денег', 'Получено: Re: [CMP-2026-000001] Возврат денег']);
  });
});

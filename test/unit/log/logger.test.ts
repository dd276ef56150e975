import { expect } from 'chai';
import { PassThrough } from 'node:stream';
import { createLogger, type LogFields } from '../../../src/log/logger';
import { isPersonalKey, maskDeep, maskPersonalData } from '../../../src/log/redact';

/** Writes one line through a real logger and returns it parsed. */
async function logged(fields: LogFields, maskPersonalData = true): Promise<Record<string, unknown>> {
  const stream = new PassThrough();
  const chunks: string[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c.toString()));
  const log = createLogger({ level: 'info', format: 'json', maskPersonalData, stream });
  log.child({ component: 'pipeline' }).info('test.event', fields);
  await log.close();
  return JSON.parse(chunks.join('').trim()) as Record<string, unknown>;
}

describe('logging', () => {
  it('an e-mail address is masked but keeps its domain', () => {
    expect(maskPersonalData('from ivan.petrov@mail.example.ru today')).to.equal('from i***@mail.example.ru today');
  });

  it('a Russian phone number is masked to its last two digits', () => {
    expect(maskPersonalData('звоните +7 (912) 345-67-89')).to.equal('звоните ***89');
  });

  it('a case number and a date are not mistaken for phone numbers', () => {
    expect(maskPersonalData('CMP-2026-000001 on 2026-11-27')).to.equal('CMP-2026-000001 on 2026-11-27');
  });

  it('the display name in front of an address is masked with the address, in free text too', () => {
    expect(maskPersonalData('reply to Анна Петрова <anna@example.test> failed')).to.equal('reply to *** <a***@example.test> failed');
    expect(maskPersonalData('From: "Petrova, Anna" <anna@example.test>')).to.equal('From: *** <a***@example.test>');
    expect(maskPersonalData('Петрова Анна Сергеевна <anna@example.test>')).to.equal('*** <a***@example.test>');
  });

  it('text without names next to addresses is left readable', () => {
    expect(maskPersonalData('rule refund-ru matched: вернуть деньги (body)')).to.equal('rule refund-ru matched: вернуть деньги (body)');
  });

  it('keys that hold names, subjects or message text are recognised however they are spelled', () => {
    expect(['name', 'clientName', 'from_name', 'Subject', 'text', 'body', 'html', 'displayName'].every(isPersonalKey)).to.equal(true);
    expect(['case', 'event', 'message', 'uid', 'mailbox', 'reason', 'error', 'component'].some(isPersonalKey)).to.equal(false);
  });

  it('a personal field is masked whole, nested ones too, keeping only its size', () => {
    expect(maskDeep({ client: { name: 'Анна Петрова', address: 'anna@example.test' }, reply: { text: 'Верните деньги', quote: '' }, subject: 'Претензия Петровой по заказу 123' })).to.deep.equal({
      client: { name: '[masked, 12 chars]', address: 'a***@example.test' },
      reply: { text: '[masked, 14 chars]', quote: '' },
      subject: '[masked, 32 chars]',
    });
  });

  it('raw message bytes are never written, only their size', () => {
    expect(maskDeep({ raw: Buffer.from('Subject: x\r\n\r\nhi'), attachment: Buffer.alloc(3) })).to.deep.equal({ raw: '[masked, 16 bytes]', attachment: '[3 bytes]' });
  });

  it('a log line is one JSON object with a stable event name and masked fields', async () => {
    const line = await logged({ client: 'anna@example.test', case: 'CMP-2026-000001' });
    expect(line).to.include({ event: 'test.event', component: 'pipeline', client: 'a***@example.test', case: 'CMP-2026-000001', level: 'info' });
  });

  it('names, subjects and bodies given as fields of a log line never reach it', async () => {
    const line = await logged({ fromName: 'Анна Петрова', from: 'Анна Петрова <anna@example.test>', subject: 'Иванов И.И., заказ 123', body: 'Мой телефон +7 912 345-67-89' });
    expect(line).to.include({ fromName: '[masked, 12 chars]', from: '*** <a***@example.test>', subject: '[masked, 22 chars]', body: '[masked, 28 chars]' });
    expect(JSON.stringify(line)).to.not.match(/Анна|Петрова|Иванов|anna@|345-67/);
  });

  it('with masking turned off the fields are written as given', async () => {
    const line = await logged({ fromName: 'Анна Петрова', subject: 'Заказ 123' }, false);
    expect(line).to.include({ fromName: 'Анна Петрова', subject: 'Заказ 123' });
  });
});

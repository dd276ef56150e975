import { expect } from 'chai';
import { PassThrough } from 'node:stream';
import { createLogger } from '../../../src/log/logger';
import { maskPersonalData } from '../../../src/log/redact';

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

  it('a log line is one JSON object with a stable event name and masked fields', async () => {
    const stream = new PassThrough();
    const chunks: string[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c.toString()));
    const log = createLogger({ level: 'info', format: 'json', maskPersonalData: true, stream });
    log.child({ component: 'intake' }).info('case.registered', { client: 'anna@example.test', case: 'CMP-2026-000001' });
    await log.close();
    const line = JSON.parse(chunks.join('').trim()) as Record<string, unknown>;
    expect(line).to.include({ event: 'case.registered', component: 'intake', client: 'a***@example.test', case: 'CMP-2026-000001', level: 'info' });
  });
});

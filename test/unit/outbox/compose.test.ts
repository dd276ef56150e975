import { expect } from 'chai';
import { simpleParser } from 'mailparser';
import { composeLetter } from '../../../src/outbox/compose';

describe('composing a letter', () => {
  it('every letter says a machine wrote it, asks robots not to answer, and names us in its loop headers', async () => {
    const raw = await composeLetter({
      from: { address: 'complaints@example.test', name: 'Служба претензий' }, to: ['anna@example.test'], replyTo: null, subject: 'Тема', text: 'Текст', html: null,
      inReplyTo: null, references: [], autoSubmitted: 'auto-replied', caseNumber: 'CMP-2026-000001', messageId: 'complaintd.acknowledgement.0123456789abcdef01@example.test', date: new Date('2026-11-27T10:00:00Z'),
    });
    const parsed = await simpleParser(raw);
    expect(parsed.headers.get('auto-submitted')).to.equal('auto-replied');
    expect(parsed.headers.get('x-auto-response-suppress')).to.equal('All');
    expect(parsed.headers.get('x-complaintd-loop')).to.equal('complaints@example.test');
    expect(parsed.headers.get('x-loop')).to.equal('complaints@example.test');
  });
});

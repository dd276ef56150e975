import { expect } from 'chai';
import { readAutomated } from '../../../src/hygiene/automated-mail';
import { parseMessage } from '../../../src/mail/parse';
import { LIMITS, bounceFixture } from '../mail/fixtures';

const ours = (a: string): boolean => a === 'complaints@example.test';

async function readLines(lines: string[]): Promise<ReturnType<typeof readAutomated>> {
  const raw = Buffer.from([...lines, 'MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8', '', 'Текст письма.', ''].join('\r\n'));
  return readAutomated(await parseMessage(raw, LIMITS), raw, ours);
}

describe('what the pipeline takes a message for', () => {
  it('a delivery status notification is a bounce, its reason naming the failed address and why', async () => {
    const { raw, parsed } = await bounceFixture('sisimai-set-of-emails__bsd__lhost-yandex-01.eml');
    const reading = readAutomated(parsed, raw, ours);
    expect(reading.kind.kind).to.equal('bounce');
    expect(reading.verdict).to.deep.equal({ automated: true, reason: 'bounce (rfc3464): kijitora@example.jp 5.1.1 no_such_user' });
  });

  it('a delayed-only report is automated mail, not a bounce', async () => {
    const { raw, parsed } = await bounceFixture('sisimai-set-of-emails__bsd__rfc3464-09.eml');
    expect(readAutomated(parsed, raw, ours)).to.deep.equal({
      verdict: { automated: true, reason: 'delivery delayed, still being retried (1 recipient)' },
      kind: { kind: 'other_automated', reason: 'delivery delayed, still being retried (1 recipient)' },
    });
  });

  it('our own letter come back through a forwarder that dropped Auto-Submitted is recognised by its loop header', async () => {
    const reading = await readLines(['From: client@example.test', 'To: complaints@example.test', 'Subject: Fwd: [CMP-2026-000001] Ваша претензия', 'X-Complaintd-Loop: complaints@example.test']);
    expect(reading.verdict).to.deep.equal({ automated: true, reason: 'our own letter came back (X-Complaintd-Loop: complaints@example.test)' });
  });

  it('another robot\'s X-Loop naming its own address does not make a person\'s letter ours', async () => {
    const reading = await readLines(['From: client@example.test', 'To: complaints@example.test', 'Subject: Жалоба', 'X-Loop: helpdesk@shop.example.test']);
    expect(reading.verdict.automated).to.equal(false);
  });

  it('an auto-reply by its headers is automated', async () => {
    const reading = await readLines(['From: client@example.test', 'To: complaints@example.test', 'Subject: Re: Ваша претензия', 'Auto-Submitted: auto-replied']);
    expect(reading.verdict).to.deep.equal({ automated: true, reason: 'Auto-Submitted: auto-replied' });
  });

  it('an out-of-office subject without a machine header is a person\'s letter: it may be a complaint', async () => {
    const reading = await readLines(['From: client@example.test', 'To: complaints@example.test', 'Subject: Нет на месте курьера, заказ не привезли']);
    expect(reading).to.deep.equal({ verdict: { automated: false, reason: null }, kind: { kind: 'none' } });
  });
});

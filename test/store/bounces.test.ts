import { expect } from 'chai';
import { pipelineHarness, type Harness } from '../support/pipeline-harness';
import { rawMail, uniqueId } from '../support/raw-mail';
import { dsn } from '../support/bounce-mail';
import { drainOutbox } from '../support/drain-outbox';
import { clearSuppression } from '../../src/store/suppression-repo';
import { letterToken } from '../../src/outbox/return-path';
import { planInbound } from '../../src/pipeline';
import { parseMessage } from '../../src/mail/parse';

type Row = Record<string, unknown>;
const DAY = 86_400_000;

describe('bounces and the suppression list, on the store', () => {
  let h: Harness;
  let now: Date;
  const clock = (): Date => now;
  const rows = async (table: string, where: Row = {}): Promise<Row[]> => (await h.db(table).where(where).orderBy('id')) as Row[];
  const events = async (caseId: number): Promise<string[]> => (await rows('history', { case_id: caseId })).map((r) => r.event as string);

  /** A complaint from `from`, its letters handed to the server; returns the acknowledgement's row. */
  const acknowledged = async (from = 'client1@example.test'): Promise<Row> => {
    await h.deliver(rawMail({ from, subject: `Возврат ${uniqueId('s')}` }));
    await h.processAll();
    await drainOutbox(h.db, clock);
    return (await rows('outbox', { kind: 'acknowledgement' })).at(-1) as Row;
  };
  const bounceOf = async (spec: Parameters<typeof dsn>[0]): Promise<Row> => {
    await h.deliver(dsn(spec));
    await h.processAll();
    return (await rows('inbound')).at(-1) as Row;
  };

  beforeEach(async () => {
    now = new Date('2026-11-27T10:00:00Z');
    h = await pipelineHarness({ clock });
  });
  afterEach(async () => h.close());

  it('a bounce of our acknowledgement marks it bounced with the reason and reply, alerts the department\'s queue and suppresses the address', async () => {
    const ack = await acknowledged();
    const inbound = await bounceOf({ recipient: 'client1@example.test', returnedMessageId: ack.message_id as string });
    expect(inbound).to.include({ status: 'bounce', case_id: 1 });
    const [letter] = await rows('outbox', { id: ack.id as number });
    expect(letter).to.include({ status: 'bounced', bounce_status: '5.1.1', bounce_reason: 'no_such_user', bounce_reply: '550 5.1.1 <client1@example.test>: Recipient address rejected: User unknown in virtual mailbox table' });
    expect(letter?.bounced_at).to.equal(now.toISOString());
    const [entry] = await rows('suppressions');
    expect(entry).to.include({ address: 'client1@example.test', until: new Date(now.getTime() + 30 * DAY).toISOString(), outbox_id: ack.id, case_id: 1 });
    // Nobody is assigned: the department's queue works the case and hears of it.
    const [alert] = await rows('alerts');
    expect(alert).to.include({ kind: 'bounce', case_id: 1, recipients: 'refunds@example.test', dedupe: `bounce:${String(ack.id)}` });
    expect((await rows('outbox', { kind: 'alert' })).map((r) => r.envelope_to)).to.deep.equal(['refunds@example.test']);
    expect(await events(1)).to.include.members(['acknowledgement_bounced', 'address_suppressed', 'alert.bounce']);
  });

  it('the bounce is kept on its case as an automated message and never reopens or changes the case', async () => {
    const ack = await acknowledged();
    await h.db('cases').where({ id: 1 }).update({ status: 'decided', decided_at: '2026-11-26T10:00:00.000Z' });
    await bounceOf({ recipient: 'client1@example.test', returnedMessageId: ack.message_id as string });
    expect((await rows('cases'))[0]).to.include({ status: 'decided' });
    expect((await rows('messages', { case_id: 1 })).map((m) => `${m.direction as string} ${m.kind as string}`)).to.deep.equal(['in complaint', 'out acknowledgement', 'out staff_notice', 'in automated', 'out alert']);
    expect(await rows('cases')).to.have.length(1);
  });

  it('a bounce that quotes nothing of the letter finds it by the VERP address it came back to', async () => {
    const ack = await acknowledged();
    const token = letterToken(ack.message_id as string) as string;
    const inbound = await bounceOf({ recipient: 'client1@example.test', deliveredTo: `complaints+bounce-${token}@example.test` });
    expect(inbound.status).to.equal('bounce');
    expect(inbound.reason).to.contain('found by its VERP return address');
    expect((await rows('outbox', { id: ack.id as number }))[0]).to.include({ status: 'bounced' });
  });

  it('an auto-reply sent to our VERP return address threads by its headers and is not taken for a bad reply token', async () => {
    const ack = await acknowledged();
    const raw = rawMail({ subject: 'Автоответ', inReplyTo: ack.message_id as string, to: `complaints+bounce-${letterToken(ack.message_id as string) as string}@example.test`, headers: { 'Auto-Submitted': 'auto-replied' } });
    const plan = await planInbound(h.db, h.deps, await parseMessage(raw, h.deps.limits), now, raw);
    expect(plan.outcome).to.equal('follow_up');
    expect(plan.token).to.deep.equal({ status: 'none' });
    expect(plan.thread?.notes).to.deep.equal([]);
  });

  it('our letters go out from their VERP address, the bytes as queued', async () => {
    await h.deliver(rawMail({}));
    await h.processAll();
    const [ack] = await rows('outbox', { kind: 'acknowledgement' });
    const handed = await drainOutbox(h.db, clock);
    const sent = handed.find((l) => l.to.includes('client1@example.test'));
    expect(sent?.from).to.equal(`complaints+bounce-${letterToken(ack?.message_id as string) as string}@example.test`);
    expect(sent?.raw.equals(ack?.raw as Buffer)).to.equal(true);
  });

  it('a later letter to a suppressed address is marked suppressed with the entry\'s reason and expiry, and not sent', async () => {
    const ack = await acknowledged();
    await bounceOf({ recipient: 'client1@example.test', returnedMessageId: ack.message_id as string });
    await h.deliver(rawMail({ subject: 'Ещё одна претензия' }));
    await h.processAll();
    const handed = await drainOutbox(h.db, clock);
    expect(handed.flatMap((l) => l.to)).to.not.include('client1@example.test');
    const second = (await rows('outbox', { kind: 'acknowledgement' }))[1];
    expect(second).to.include({ status: 'suppressed' });
    expect(second?.last_error).to.equal(`suppressed: client1@example.test is on the suppression list until ${new Date(now.getTime() + 30 * DAY).toISOString()} (hard bounce: 5.1.1 no_such_user: 550 5.1.1 <client1@example.test>: Recipient address rejected: User unknown in virtual mailbox table)`);
    expect(await events(2)).to.include('acknowledgement_suppressed');
  });

  it('once an admin clears the address, the next letter is sent', async () => {
    const ack = await acknowledged();
    await bounceOf({ recipient: 'client1@example.test', returnedMessageId: ack.message_id as string });
    expect(await clearSuppression(h.db, 'Client1@example.test', 'admin@example.test', now)).to.equal(1);
    expect((await rows('suppressions'))[0]).to.include({ cleared_by: 'admin@example.test', cleared_at: now.toISOString() });
    const next = await acknowledged();
    expect(next).to.include({ status: 'sent' });
  });

  it('an entry past its time no longer suppresses: the next letter is sent', async () => {
    const ack = await acknowledged();
    await bounceOf({ recipient: 'client1@example.test', returnedMessageId: ack.message_id as string });
    now = new Date(now.getTime() + 31 * DAY);
    expect(await acknowledged()).to.include({ status: 'sent' });
  });

  it('a delayed DSN changes nothing: the letter stays sent, nobody is suppressed or alerted', async () => {
    const ack = await acknowledged();
    const inbound = await bounceOf({ recipient: 'client1@example.test', action: 'delayed', returnedMessageId: ack.message_id as string });
    expect(inbound).to.include({ status: 'automated', reason: 'not a complaint: delivery delayed, still being retried (1 recipient)' });
    expect((await rows('outbox', { id: ack.id as number }))[0]).to.include({ status: 'sent' });
    expect(await rows('suppressions')).to.have.length(0);
    expect(await rows('alerts')).to.have.length(0);
  });

  it('a bounce naming no letter of ours is recorded as automated and says so', async () => {
    await acknowledged();
    const inbound = await bounceOf({ recipient: 'someone@example.test', returnedMessageId: 'not-ours@elsewhere.example.test' });
    expect(inbound.status).to.equal('automated');
    expect(inbound.reason).to.contain('naming no letter of ours (the returned Message-ID <not-ours@elsewhere.example.test> is not one of our letters');
    expect(await rows('suppressions')).to.have.length(0);
  });

  it('soft bounces suppress the address only when they repeat: the third full mailbox within 14 days', async () => {
    for (let i = 1; i <= 3; i++) {
      const ack = await acknowledged();
      await bounceOf({ recipient: 'client1@example.test', status: '4.2.2', diagnostic: 'smtp; 552 4.2.2 Mailbox full', returnedMessageId: ack.message_id as string });
      expect(await rows('suppressions')).to.have.length(i < 3 ? 0 : 1);
      now = new Date(now.getTime() + DAY);
    }
    expect((await rows('suppressions'))[0]?.reason).to.match(/^3 soft bounces in 14 days/);
  });

  it('a bounce of an alert letter suppresses the address but raises no alert about the alert', async () => {
    const ack = await acknowledged();
    await bounceOf({ recipient: 'client1@example.test', returnedMessageId: ack.message_id as string });
    await drainOutbox(h.db, clock);
    const [alertLetter] = await rows('outbox', { kind: 'alert' });
    await bounceOf({ recipient: 'refunds@example.test', returnedMessageId: alertLetter?.message_id as string });
    expect((await rows('outbox', { id: alertLetter?.id as number }))[0]).to.include({ status: 'bounced' });
    expect((await rows('suppressions')).map((s) => s.address)).to.deep.equal(['client1@example.test', 'refunds@example.test']);
    expect(await rows('alerts')).to.have.length(1);
  });

  it('our own letter forwarded back without its Auto-Submitted header is recognised by its loop header, not registered', async () => {
    await h.deliver(rawMail({ subject: 'Fwd: [CMP-2026-000009] Ваша претензия', headers: { 'X-Complaintd-Loop': 'complaints@example.test' } }));
    await h.processAll();
    expect((await rows('inbound'))[0]).to.include({ status: 'automated', reason: 'not a complaint: our own letter came back (X-Complaintd-Loop: complaints@example.test)' });
    expect(await rows('cases')).to.have.length(0);
  });
});

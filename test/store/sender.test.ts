import { expect } from 'chai';
import { PassThrough } from 'node:stream';
import { pipelineHarness, type Harness } from '../support/pipeline-harness';
import { rawMail } from '../support/raw-mail';
import { sendDue } from '../../src/outbox/sender';
import type { Transport } from '../../src/outbox/transport';
import { requeueInterrupted } from '../../src/store/outbox-repo';
import { createLogger } from '../../src/log/logger';

/** A transport seam that answers from a script: the SMTP side is exercised for real in test/e2e. */
function scriptedTransport(answers: Array<string | { responseCode?: number; code?: string; response?: string; message: string }>): Transport & { sent: Buffer[] } {
  const sent: Buffer[] = [];
  return {
    sent,
    async send(letter) {
      const answer = answers.shift() ?? '250 2.0.0 Ok';
      if (typeof answer !== 'string') throw Object.assign(new Error(answer.message), answer);
      sent.push(letter.raw);
      return answer;
    },
    close: () => undefined,
  };
}

const quiet = createLogger({ level: 'error', format: 'json', maskPersonalData: true, stream: new PassThrough() });

describe('the sender draining the outbox', () => {
  let h: Harness;
  let now: Date;
  const clock = (): Date => now;
  const retry = { maxAttempts: 3, initialMs: 60_000, maxMs: 600_000 };

  beforeEach(async () => {
    now = new Date('2026-11-27T10:00:00Z');
    h = await pipelineHarness({ clock });
    await h.deliver(rawMail({}));
    await h.processAll();
  });
  afterEach(async () => h.close());

  const outbox = async (): Promise<Array<{ kind: string; status: string; attempts: number; last_error: string | null; next_attempt_at: string; raw: Buffer }>> =>
    (await h.db('outbox').orderBy('id')) as Array<{ kind: string; status: string; attempts: number; last_error: string | null; next_attempt_at: string; raw: Buffer }>;

  it('a queued letter is sent as queued, byte for byte, and the case history records the server\'s reply', async () => {
    const transport = scriptedTransport(['250 2.0.0 Ok: queued as A1', '250 2.0.0 Ok: queued as A2']);
    const queued = (await outbox())[0]?.raw;
    expect(await sendDue({ db: h.db, transport, log: quiet, clock, retry }, () => false)).to.equal(2);
    expect(transport.sent[0]?.equals(queued as Buffer)).to.equal(true);
    expect((await outbox()).map((r) => r.status)).to.deep.equal(['sent', 'sent']);
    const sentEntry = (await h.db('history').where({ event: 'acknowledgement_sent' }).first()) as { reason: string };
    expect(sentEntry.reason).to.equal('acknowledgement delivered to client1@example.test: 250 2.0.0 Ok: queued as A1');
  });

  it('a temporary refusal waits with backoff and the same letter goes out when it is due', async () => {
    const transport = scriptedTransport([{ responseCode: 451, response: '451 4.3.0 try later', message: 'try later' }]);
    await sendDue({ db: h.db, transport, log: quiet, clock, retry }, () => false);
    const [ack] = await outbox();
    expect(ack).to.include({ status: 'retry_wait', attempts: 1, last_error: '451 4.3.0 try later' });
    expect(new Date(ack!.next_attempt_at).getTime()).to.be.within(now.getTime() + 48_000, now.getTime() + 60_000);
    expect(await sendDue({ db: h.db, transport, log: quiet, clock, retry }, () => false)).to.equal(0);
    now = new Date(now.getTime() + 61_000);
    await sendDue({ db: h.db, transport, log: quiet, clock, retry }, () => false);
    expect((await outbox())[0]).to.include({ status: 'sent', attempts: 2 });
  });

  it('a permanent refusal fails the letter at once and says why on the case', async () => {
    const transport = scriptedTransport([{ responseCode: 550, response: '550 5.1.1 unknown user', message: 'unknown user' }]);
    await sendDue({ db: h.db, transport, log: quiet, clock, retry }, () => false);
    expect((await outbox())[0]).to.include({ status: 'failed', attempts: 1, last_error: 'permanent failure: 550 5.1.1 unknown user' });
    const failed = (await h.db('history').where({ event: 'acknowledgement_failed' }).first()) as { reason: string } | undefined;
    expect(failed?.reason).to.equal('permanent failure: 550 5.1.1 unknown user');
  });

  it('a letter that keeps failing temporarily gives up after the configured attempts', async () => {
    const refused = { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:2525' };
    const transport = scriptedTransport(Array.from({ length: 6 }, () => refused));
    for (let i = 0; i < 3; i++) {
      await sendDue({ db: h.db, transport, log: quiet, clock, retry }, () => false);
      now = new Date(now.getTime() + 700_000);
    }
    expect((await outbox())[0]).to.include({ status: 'failed', attempts: 3, last_error: 'gave up after 3 attempts: ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:2525' });
  });

  it('a letter left "sending" by a crash is queued again on start, with the same Message-ID', async () => {
    const before = (await h.db('outbox').first()) as { id: number; message_id: string };
    await h.db('outbox').where({ id: before.id }).update({ status: 'sending' });
    expect(await requeueInterrupted(h.db)).to.equal(1);
    expect(await h.db('outbox').where({ id: before.id }).first()).to.include({ status: 'queued', message_id: before.message_id });
  });
});

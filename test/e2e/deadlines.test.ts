import { expect } from 'chai';
import { simpleParser, type ParsedMail } from 'mailparser';
import { ensureMailstack, resetMailboxes, sendMail, listMessages, waitFor } from '../support/mailstack';
import { testInstance, startDaemon, removeInstances, type TestInstance } from '../support/daemon-harness';
import type { Runtime } from '../../src/main';

const CONFIG = {
  staff: {
    notify: [],
    members: [
      { address: 'staff1@example.test', name: 'Ирина', role: 'agent', department: 'refunds', locale: 'ru' },
      { address: 'supervisor@example.test', name: 'Ольга', role: 'supervisor', department: 'refunds', locale: 'ru' },
    ],
  },
  scheduler: { pollIntervalMs: 200 },
};

async function parsedInbox(user: string): Promise<ParsedMail[]> {
  return Promise.all((await listMessages(user, 'INBOX')).map((m) => simpleParser(m.source)));
}

describe('deadlines and alerts, end to end on the real mail stack with the daemon\'s clock moved', function () {
  this.timeout(120_000);
  let daemon: (Runtime & { logs: string[] }) | null = null;
  let instance: TestInstance;
  let offsetMs = 0;
  const clock = (): Date => new Date(Date.now() + offsetMs);

  before(async () => ensureMailstack());
  beforeEach(async () => {
    await resetMailboxes();
    offsetMs = 0;
    instance = testInstance(CONFIG);
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && daemon) process.stderr.write(daemon.logs.slice(-40).join(''));
    await daemon?.close();
    daemon = null;
    removeInstances();
  });

  it('a case whose deadline passes gives exactly one escalation letter to the supervisor, and a restart does not send a second', async () => {
    daemon = await startDaemon(instance, { clock });
    await sendMail('client1', 'complaints@example.test', { subject: 'Не вернули деньги', text: 'Прошу вернуть деньги за возвращённый товар.' });
    await waitFor(async () => ((await listMessages('client1', 'INBOX')).length === 1 ? true : null), { timeoutMs: 30_000, what: 'the acknowledgement' });
    offsetMs = 40 * 86_400_000;
    const escalations = async (): Promise<number> => (await parsedInbox('supervisor')).filter((m) => /deadline passed/.test(m.subject ?? '')).length;
    await waitFor(async () => ((await escalations()) === 1 ? true : null), { timeoutMs: 30_000, what: 'the escalation in the supervisor\'s INBOX' });

    await daemon.close();
    daemon = await startDaemon(instance, { clock });
    // Days later still: the next overdue digest proves the scheduler ran again after the restart.
    offsetMs = 42 * 86_400_000;
    await waitFor(async () => ((await parsedInbox('supervisor')).filter((m) => /^Просроченные/.test(m.subject ?? '')).length >= 1 ? true : null), { timeoutMs: 30_000, what: 'an overdue digest after the restart' });
    expect(await escalations()).to.equal(1);
    expect(await daemon.db('history').where({ event: 'alert.deadline_breach' }).count({ n: '*' }).first()).to.deep.equal({ n: 1 });
  });

  it('a complaint with «подам в суд» alerts the supervisor once, even when the client says it again', async () => {
    daemon = await startDaemon(instance, { clock });
    await sendMail('client1', 'complaints@example.test', { subject: 'Возврат', text: 'Верните деньги, иначе подам в суд.' });
    const [ack] = await waitFor(async () => {
      const acks = await parsedInbox('client1');
      return acks.length === 1 ? acks : null;
    }, { timeoutMs: 30_000, what: 'the acknowledgement' });
    await waitFor(async () => ((await parsedInbox('supervisor')).some((m) => /threat/.test(m.subject ?? '')) ? true : null), { timeoutMs: 30_000, what: 'the threat alert' });
    await sendMail('client1', ack!.replyTo?.value[0]?.address ?? 'complaints@example.test', { subject: `Re: ${ack!.subject ?? ''}`, text: 'Повторяю: подам в суд.', inReplyTo: ack!.messageId, references: ack!.messageId });
    await waitFor(async () => ((await parsedInbox('refunds')).some((m) => /Письмо клиента/.test(m.subject ?? '')) ? true : null), { timeoutMs: 30_000, what: 'the follow-up forwarded' });
    expect((await parsedInbox('supervisor')).filter((m) => /threat/.test(m.subject ?? ''))).to.have.length(1);
  });
});

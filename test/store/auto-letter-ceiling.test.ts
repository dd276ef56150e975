import { expect } from 'chai';
import { pipelineHarness, type Harness } from '../support/pipeline-harness';
import { rawMail } from '../support/raw-mail';
import { actOnCase } from '../../src/cases/act-on-case';

type Row = Record<string, unknown>;
const HOUR = 3_600_000;
const ROBOT = 'robot@example.test';

describe('the ceiling on automatic letters, on the store', () => {
  let h: Harness;
  let now: Date;
  const clock = (): Date => now;
  const rows = async (table: string, where: Row = {}): Promise<Row[]> => (await h.db(table).where(where).orderBy('id')) as Row[];
  const acknowledgements = async (): Promise<Row[]> => rows('outbox', { kind: 'acknowledgement' });
  let n = 0;
  const complaint = async (): Promise<void> => {
    n += 1;
    await h.deliver(rawMail({ from: ROBOT, subject: `Обращение №${n}: не пришёл возврат` }));
    await h.processAll();
  };

  beforeEach(() => {
    now = new Date('2026-11-27T10:00:00Z');
    n = 0;
  });
  afterEach(async () => h.close());

  it('an auto-responder that also files a plain complaint in answer to every letter gets at most the ceiling of acknowledgements, and every message is kept', async () => {
    h = await pipelineHarness({ clock });
    for (let i = 0; i < 10; i++) {
      await complaint();
      // Its auto-reply to our latest acknowledgement, under a subject new each time.
      const last = (await acknowledgements()).at(-1);
      await h.deliver(rawMail({ from: ROBOT, subject: `Автоответ ${i}: ваше письмо получено`, headers: { 'Auto-Submitted': 'auto-replied' }, ...(last ? { inReplyTo: last.message_id as string } : {}) }));
      await h.processAll();
    }
    expect(await acknowledgements()).to.have.length(5);
    expect(await rows('cases')).to.have.length(10);
    const inbound = await rows('inbound');
    expect(inbound).to.have.length(20);
    expect(inbound.filter((r) => r.status === 'registered')).to.have.length(10);
    expect(inbound.filter((r) => r.status === 'follow_up' && String(r.reason).includes('automated, recorded only'))).to.have.length(10);
    // Every case holds its complaint; the ones past the ceiling say why they were not acknowledged.
    for (let caseId = 1; caseId <= 10; caseId++) expect((await rows('messages', { case_id: caseId, kind: 'complaint' }))).to.have.length(1);
    const held = await rows('history', { event: 'acknowledgement_held' });
    expect(held.map((r) => r.case_id)).to.deep.equal([6, 7, 8, 9, 10]);
    expect(held[0]?.reason).to.equal(`acknowledgement not queued: 5 automatic letters to ${ROBOT} in the last hour, the ceiling is 5: held back, not sent`);
    const alerts = await rows('alerts', { kind: 'mail_loop' });
    expect(alerts).to.have.length(1);
    expect(alerts[0]).to.include({ case_id: 6, dedupe: `mail_loop:${ROBOT}:2026-11-27` });
  });

  it('acknowledgements resume once the hour has passed, until the day\'s ceiling', async () => {
    h = await pipelineHarness({ clock, config: { mail: { autoLetterCeiling: { perRecipientPerHour: 2, perRecipientPerDay: 3, globalPerHour: 100 } } } });
    for (let i = 0; i < 3; i++) await complaint();
    expect(await acknowledgements()).to.have.length(2);
    now = new Date(now.getTime() + HOUR + 1000);
    await complaint();
    expect(await acknowledgements()).to.have.length(3);
    now = new Date(now.getTime() + HOUR + 1000);
    await complaint();
    expect(await acknowledgements()).to.have.length(3);
    expect((await rows('history', { event: 'acknowledgement_held' })).at(-1)?.reason).to.contain('in the last 24 hours, the ceiling is 3');
  });

  it('the global ceiling holds back the acknowledgement of a client who got none', async () => {
    h = await pipelineHarness({ clock, config: { mail: { autoLetterCeiling: { perRecipientPerHour: 5, perRecipientPerDay: 20, globalPerHour: 2 } } } });
    for (const from of ['a@example.test', 'b@example.test', 'c@example.test']) await h.deliver(rawMail({ from, subject: `Претензия от ${from}` }));
    await h.processAll();
    expect((await acknowledgements()).map((r) => r.envelope_to)).to.deep.equal(['a@example.test', 'b@example.test']);
    expect((await rows('alerts', { kind: 'mail_loop' }))[0]).to.include({ dedupe: 'mail_loop:global:2026-11-27' });
  });

  it('a staff answer to a client over the ceiling is a person\'s letter: it is never held back', async () => {
    h = await pipelineHarness({ clock, config: { staff: { members: [{ address: 'staff2@example.test', name: 'Анна', role: 'agent', department: 'refunds', locale: 'ru' }] }, mail: { autoLetterCeiling: { perRecipientPerHour: 1, perRecipientPerDay: 1, globalPerHour: 100 } } } });
    await complaint();
    await complaint();
    expect(await acknowledgements()).to.have.length(1);
    const result = await actOnCase(h.db, h.deps.desk, { number: 'CMP-2026-000002', by: 'staff2@example.test', commands: ['#reply'], text: 'Деньги вернём до пятницы.', now });
    expect(result.ok).to.equal(true);
    expect((await rows('outbox', { kind: 'answer' })).map((r) => r.envelope_to)).to.deep.equal([ROBOT]);
  });
});

import { expect } from 'chai';
import type { Knex } from 'knex';
import { simpleParser, type ParsedMail } from 'mailparser';
import { ensureMailstack, resetMailboxes, sendMail, listMessages, waitFor } from '../support/mailstack';
import { testInstance, startDaemon, removeInstances } from '../support/daemon-harness';
import type { Runtime } from '../../src/main';

const STAFF = {
  staff: {
    notify: [],
    members: [
      { address: 'staff1@example.test', name: 'Ирина Сотрудникова', role: 'agent', department: 'refunds', locale: 'ru' },
      { address: 'supervisor@example.test', name: 'Ольга Руководитель', role: 'supervisor', department: 'refunds', locale: 'ru' },
    ],
  },
};

/** Waits until `user`'s INBOX holds a message matching `what`, and returns it parsed. */
async function letterIn(user: string, test: (m: ParsedMail) => boolean, what: string): Promise<ParsedMail> {
  return waitFor(async () => {
    for (const m of await listMessages(user, 'INBOX')) {
      const parsed = await simpleParser(m.source);
      if (test(parsed)) return parsed;
    }
    return null;
  }, { timeoutMs: 30_000, what });
}

/** Answers `letter` as a person with a mail client would: to its Reply-To, threaded, `Re:`, the original quoted below. */
async function reply(from: string, letter: ParsedMail, body: string): Promise<void> {
  const quoted = (letter.text ?? '').split('\n').map((l) => `> ${l}`).join('\n');
  await sendMail(from, letter.replyTo?.value[0]?.address ?? 'complaints@example.test', {
    subject: `Re: ${letter.subject ?? ''}`, inReplyTo: letter.messageId, references: letter.messageId,
    text: `${body}\n\nВ письме от 1 декабря Служба претензий <complaints@example.test> написал(а):\n${quoted}`,
  });
}

async function caseRow(db: Knex): Promise<{ status: string; priority: string }> {
  return (await db('cases').where({ id: 1 }).first()) as { status: string; priority: string };
}

describe('staff decide cases from their ordinary mail client, end to end on the real mail stack', function () {
  this.timeout(120_000);
  let daemon: (Runtime & { logs: string[] }) | null = null;
  let announcement: ParsedMail;

  before(async () => ensureMailstack());
  beforeEach(async () => {
    await resetMailboxes();
    daemon = await startDaemon(testInstance(STAFF));
    await sendMail('client1', 'complaints@example.test', { subject: 'Не вернули деньги', text: 'Прошу вернуть деньги за возвращённый товар, заказ 321.' });
    announcement = await letterIn('refunds', (m) => /Новая претензия/.test(m.subject ?? ''), 'the announcement in the refunds queue');
    await letterIn('client1', (m) => /CMP-/.test(m.subject ?? ''), 'the acknowledgement');
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && daemon) process.stderr.write(daemon.logs.slice(-40).join(''));
    await daemon?.close();
    daemon = null;
    removeInstances();
  });

  it('the department\'s queue gets the announcement with the client\'s words and the commands, and a reply token', () => {
    expect(announcement.text).to.contain('Прошу вернуть деньги').and.contain('#решение');
    expect(announcement.replyTo?.value[0]?.address).to.match(/^complaints\+d1-/);
  });

  it('#decision accepted from staff1 sends the client the decision threaded to the complaint, with the staff text and no quoted announcement', async () => {
    await reply('staff1', announcement, '#решение удовлетворить\nДеньги вернём на карту в течение 10 дней.');
    const decision = await letterIn('client1', (m) => /Решение/.test(m.subject ?? ''), 'the decision letter');
    expect(decision.text).to.contain('Деньги вернём на карту в течение 10 дней.');
    expect(decision.text).to.not.contain('Новая претензия').and.not.contain('#решение');
    const complaint = (await daemon!.db('messages').where({ kind: 'complaint' }).first()) as { message_id: string };
    expect(decision.inReplyTo).to.equal(`<${complaint.message_id}>`);
    expect(decision.subject).to.contain('[CMP-');
    await letterIn('staff1', (m) => /Выполнено/.test(m.subject ?? ''), 'the confirmation to staff1');
    expect((await caseRow(daemon!.db)).status).to.equal('decided');
  });

  it('#decision rejected waits for the supervisor\'s #approve, then goes to the client', async () => {
    await reply('staff1', announcement, '#решение отказать\nТовар был в употреблении, это видно по фото.');
    const request = await letterIn('supervisor', (m) => /На согласование/.test(m.subject ?? ''), 'the approval request');
    expect(request.text).to.contain('Товар был в употреблении');
    expect((await caseRow(daemon!.db)).status).to.equal('awaiting_approval');
    expect((await listMessages('client1', 'INBOX')).length).to.equal(1);
    await reply('supervisor', request, '#согласовать');
    const decision = await letterIn('client1', (m) => /Решение/.test(m.subject ?? ''), 'the approved decision');
    expect(decision.text).to.contain('не удовлетворена');
  });

  it('a plain reply from staff1 reaches the client as the organisation\'s answer', async () => {
    await reply('staff1', announcement, 'Анна, проверяем ваш возврат, ответим до пятницы.');
    const answer = await letterIn('client1', (m) => (m.text ?? '').includes('проверяем ваш возврат'), 'the answer');
    expect(answer.text).to.not.contain('Новая претензия');
  });

  it('#note reaches nobody outside: the client gets nothing', async () => {
    await reply('staff1', announcement, '#заметка\nКлиент звонил, просил ускорить.');
    await letterIn('staff1', (m) => /Выполнено/.test(m.subject ?? ''), 'the confirmation of the note');
    expect(await listMessages('client1', 'INBOX')).to.have.length(1);
    expect(await daemon!.db('history').where({ event: 'note' }).count({ n: '*' }).first()).to.deep.equal({ n: 1 });
  });

  it('a bad command line brings an error letter and changes nothing', async () => {
    await reply('staff1', announcement, '#приоритет низкий\n#статус куда-то\nвот');
    const error = await letterIn('staff1', (m) => /Не выполнено/.test(m.subject ?? ''), 'the error letter');
    expect(error.text).to.contain('куда-то');
    // The valid first line did not apply either: all or nothing.
    expect(await caseRow(daemon!.db)).to.include({ status: 'new' });
    expect((await caseRow(daemon!.db)).priority).to.equal('high');
  });

  it('a forged letter with staff1\'s From and no token is not applied and the supervisor is alerted', async () => {
    await sendMail('staff1', 'complaints@example.test', { subject: `Re: ${announcement.subject ?? ''}`, text: '#закрыть' });
    const alert = await letterIn('supervisor', (m) => /Внимание/.test(m.subject ?? ''), 'the security alert');
    expect(alert.text).to.contain('security.forged_staff_from');
    expect((await caseRow(daemon!.db)).status).to.equal('new');
    expect(daemon!.logs.join('')).to.contain('"event":"security.forged_staff_from"');
  });

  it('the client writing #close is an ordinary follow-up, forwarded to the department', async () => {
    const ack = await letterIn('client1', (m) => /CMP-/.test(m.subject ?? ''), 'the acknowledgement');
    await reply('client1', ack, '#закрыть\nДеньги так и не пришли.');
    const forward = await letterIn('refunds', (m) => /Письмо клиента/.test(m.subject ?? ''), 'the forwarded follow-up');
    expect(forward.text).to.contain('Деньги так и не пришли.');
    expect((await caseRow(daemon!.db)).status).to.equal('new');
  });
});

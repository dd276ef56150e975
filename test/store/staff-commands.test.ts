import { expect } from 'chai';
import { simpleParser, type ParsedMail } from 'mailparser';
import { pipelineHarness, type Harness } from '../support/pipeline-harness';
import { rawMail } from '../support/raw-mail';
import { findCaseById } from '../../src/store/case-repo';
import { buildDirectory, type StaffMember } from '../../src/staff/directory';
import { runDueJobs } from '../../src/deadlines/scheduler';
import { autoCloseHandler } from '../../src/cases/auto-close';

const STAFF_MEMBERS: StaffMember[] = [
  { address: 'staff1@example.test', name: 'Ирина Сотрудникова', role: 'agent', department: 'refunds', locale: 'ru' },
  { address: 'staff2@example.test', name: 'Pavel Agent', role: 'agent', department: 'refunds', locale: 'en' },
  { address: 'supervisor@example.test', name: 'Ольга Руководитель', role: 'supervisor', department: 'refunds', locale: 'ru' },
];
const STAFF = { staff: { members: STAFF_MEMBERS } };

interface Letter { id: number; kind: string; to: string; status: string; mail: ParsedMail }

async function letters(h: Harness): Promise<Letter[]> {
  const rows = (await h.db('outbox').orderBy('id')) as Array<{ id: number; kind: string; envelope_to: string; status: string; raw: Buffer }>;
  return Promise.all(rows.map(async (r) => ({ id: r.id, kind: r.kind, to: r.envelope_to, status: r.status, mail: await simpleParser(r.raw) })));
}

async function kase(h: Harness): Promise<Record<string, unknown>> {
  return (await h.db('cases').where({ id: 1 }).first()) as Record<string, unknown>;
}

async function events(h: Harness): Promise<string[]> {
  return ((await h.db('history').where({ case_id: 1 }).orderBy('id')) as Array<{ event: string }>).map((r) => r.event);
}

/** Answers `letter` as a mail client would: to its Reply-To, threaded, the original quoted below. */
function replyTo(letter: Letter, from: string, body: string, extra: { headers?: Record<string, string> } = {}): Buffer {
  const quoted = (letter.mail.text ?? '').split('\n').map((l) => `> ${l}`).join('\n');
  const id = (letter.mail.messageId ?? '').replace(/^<|>$/g, '');
  return rawMail({
    from, to: letter.mail.replyTo?.value[0]?.address ?? 'complaints@example.test', subject: `Re: ${letter.mail.subject ?? ''}`,
    inReplyTo: id, references: [id], body: `${body}\n\n1 дек. 2026 г., в 12:00, Служба претензий <complaints@example.test> написал(а):\n${quoted}`, ...extra,
  });
}

describe('staff acting on a case by mail, on the store', () => {
  let h: Harness;
  let announcement: Letter;

  beforeEach(async () => {
    h = await pipelineHarness({ config: STAFF });
    await h.deliver(rawMail({ subject: 'Не вернули деньги', body: 'Прошу вернуть 1500 рублей за возвращённый товар, заказ 321.' }));
    await h.processAll();
    announcement = (await letters(h)).find((l) => l.kind === 'staff_notice') as Letter;
  });
  afterEach(async () => h.close());

  it('the new case is announced to its department\'s queue with the client\'s words, the deadline and the commands', () => {
    expect(announcement.to).to.equal('refunds@example.test');
    expect(announcement.mail.text).to.contain('Прошу вернуть 1500 рублей').and.contain('Срок ответа').and.contain('#решение');
    expect(announcement.mail.text).to.contain('Клиент: client1@example.test (имя в письме: «Анна Петрова»)');
  });

  it('#decision accepted from a member of the department sends the decision letter to the client, threaded, with the staff text and no quote', async () => {
    await h.deliver(replyTo(announcement, 'staff1@example.test', '#решение удовлетворить\nДеньги вернём на карту в течение 10 дней.'));
    await h.processAll();
    const all = await letters(h);
    const decision = all.find((l) => l.kind === 'decision') as Letter;
    expect(decision.to).to.equal('client1@example.test');
    expect(decision.mail.text).to.contain('Деньги вернём на карту в течение 10 дней.').and.contain('удовлетворена');
    expect(decision.mail.text).to.not.contain('Зарегистрирована претензия');
    const complaintId = ((await h.db('messages').where({ kind: 'complaint' }).first()) as { message_id: string }).message_id;
    expect(decision.mail.inReplyTo).to.equal(`<${complaintId}>`);
    expect(decision.mail.subject).to.contain('[CMP-2026-000001]');
    expect(all.find((l) => l.kind === 'command_result')?.to).to.equal('staff1@example.test');
    expect(await kase(h)).to.include({ status: 'decided' });
    expect(await h.db('jobs').where({ kind: 'auto_close', state: 'pending' }).count({ n: '*' }).first()).to.deep.equal({ n: 1 });
  });

  it('a decided case closes by itself after the quiet period, once', async () => {
    await h.deliver(replyTo(announcement, 'staff1@example.test', '#решение удовлетворить\nВернём деньги.'));
    await h.processAll();
    const scheduler = (at: string) => runDueJobs({ db: h.db, log: h.deps.log, clock: () => new Date(at), owner: 'test', handlers: { auto_close: autoCloseHandler(h.deps.desk) }, claimMs: 60_000, maxAttempts: 3 }, () => false);
    expect(await scheduler('2026-12-05T10:00:00Z')).to.equal(0);
    expect(await scheduler('2026-12-12T10:00:00Z')).to.equal(1);
    expect(await kase(h)).to.include({ status: 'closed' });
    expect(await scheduler('2026-12-30T10:00:00Z')).to.equal(0);
  });

  it('#decision rejected waits for the supervisor; the letter leaves only after #approve', async () => {
    await h.deliver(replyTo(announcement, 'staff1@example.test', '#решение отказать\nТовар был в употреблении.'));
    await h.processAll();
    expect(await kase(h)).to.include({ status: 'awaiting_approval' });
    let all = await letters(h);
    expect(all.filter((l) => l.kind === 'decision')).to.have.length(0);
    const request = all.find((l) => l.kind === 'approval_request') as Letter;
    expect(request.to).to.equal('supervisor@example.test');
    expect(request.mail.text).to.contain('Товар был в употреблении.').and.contain('#согласовать');
    await h.deliver(replyTo(request, 'supervisor@example.test', '#согласовать'));
    await h.processAll();
    all = await letters(h);
    expect(all.filter((l) => l.kind === 'decision').map((l) => l.to)).to.deep.equal(['client1@example.test']);
    expect(await kase(h)).to.include({ status: 'decided' });
  });

  it('#return sends the decision back to the agent with the reason, and nothing to the client', async () => {
    await h.deliver(replyTo(announcement, 'staff1@example.test', '#решение отказать\nТовар был в употреблении.'));
    await h.processAll();
    const request = (await letters(h)).find((l) => l.kind === 'approval_request') as Letter;
    await h.deliver(replyTo(request, 'supervisor@example.test', '#вернуть нужна экспертиза'));
    await h.processAll();
    const returned = (await letters(h)).find((l) => l.kind === 'decision_returned') as Letter;
    expect(returned.to).to.equal('staff1@example.test');
    expect(returned.mail.text).to.contain('нужна экспертиза');
    expect(await kase(h)).to.include({ status: 'in_progress' });
    expect((await letters(h)).filter((l) => l.kind === 'decision')).to.have.length(0);
  });

  it('a reply with plain text is the organisation\'s answer to the client, without the quoted announcement', async () => {
    await h.deliver(replyTo(announcement, 'staff1@example.test', 'Анна, мы проверяем ваш возврат и ответим до пятницы.'));
    await h.processAll();
    const answer = (await letters(h)).find((l) => l.kind === 'answer') as Letter;
    expect(answer.to).to.equal('client1@example.test');
    expect(answer.mail.text).to.contain('мы проверяем ваш возврат').and.not.contain('Зарегистрирована претензия');
    expect((await letters(h)).find((l) => l.kind === 'command_result')).to.equal(undefined);
  });

  it('#note is recorded on the case and nothing goes to the client', async () => {
    await h.deliver(replyTo(announcement, 'staff1@example.test', '#заметка\nКлиент звонил, просил ускорить.'));
    await h.processAll();
    expect((await letters(h)).map((l) => l.kind)).to.deep.equal(['acknowledgement', 'staff_notice', 'command_result']);
    expect(await events(h)).to.include('note');
  });

  it('a bad command line changes nothing and the sender gets each wrong line, why, and the valid commands', async () => {
    await h.deliver(replyTo(announcement, 'staff1@example.test', '#приоритет высокий\n#статус непонятно\nтекст'));
    await h.processAll();
    const error = (await letters(h)).find((l) => l.kind === 'command_errors') as Letter;
    expect(error.to).to.equal('staff1@example.test');
    expect(error.mail.text).to.contain('строка 2').and.contain('непонятно').and.contain('#статус');
    // The good first line did not apply either: all or nothing.
    expect(await kase(h)).to.include({ status: 'new', priority: 'normal' });
    expect(await events(h)).to.include('commands_refused');
  });

  it('a letter with staff1\'s From and no token is not applied: a security event, the supervisor told, kept as an ordinary message', async () => {
    await h.deliver(rawMail({ from: 'staff1@example.test', subject: 'Re: [CMP-2026-000001] Не вернули деньги', body: '#закрыть' }));
    await h.processAll();
    expect(await kase(h)).to.include({ status: 'new' });
    expect(await events(h)).to.include('security.forged_staff_from');
    const alert = (await letters(h)).find((l) => l.kind === 'alert') as Letter;
    expect(alert.to).to.equal('supervisor@example.test');
    expect(alert.mail.text).to.contain('security.forged_staff_from');
    expect((await h.db('messages').where({ case_id: 1, kind: 'follow_up' }).count({ n: '*' }).first())).to.deep.equal({ n: 1 });
  });

  it('a client\'s letter that starts with # is a client\'s letter: forwarded to the department, never a command', async () => {
    const ack = (await letters(h)).find((l) => l.kind === 'acknowledgement') as Letter;
    await h.deliver(replyTo(ack, 'client1@example.test', '#закрыть\nНет, не закрывайте, деньги не пришли.'));
    await h.processAll();
    expect(await kase(h)).to.include({ status: 'new' });
    const forward = (await letters(h)).find((l) => l.kind === 'staff_forward') as Letter;
    expect(forward.to).to.equal('refunds@example.test');
    expect(forward.mail.text).to.contain('Нет, не закрывайте');
  });

  it('#ask sends the request to the client and the case waits; the client\'s answer resumes it and reaches the department', async () => {
    await h.deliver(replyTo(announcement, 'staff1@example.test', '#запрос\nПришлите, пожалуйста, фото чека.'));
    await h.processAll();
    expect(await kase(h)).to.include({ status: 'awaiting_info' });
    const request = (await letters(h)).find((l) => l.kind === 'info_request') as Letter;
    expect(request.mail.text).to.contain('фото чека');
    await h.deliver(replyTo(request, 'client1@example.test', 'Фото прилагаю.'));
    await h.processAll();
    expect(await kase(h)).to.include({ status: 'in_progress' });
    expect((await h.db('case_pauses').first()) as Record<string, unknown>).to.have.property('ended_at').that.is.a('string');
  });

  it('#assign tells the new assignee, and #priority, #category and #deadline change the case with the client told of the extension', async () => {
    await h.deliver(replyTo(announcement, 'staff1@example.test', '#назначить staff2@example.test\n#приоритет высокий\n#причина billing\n#срок +30d ждём ответа банка'));
    await h.processAll();
    const c = await kase(h);
    expect(c).to.include({ assignee: 'staff2@example.test', priority: 'high', category: 'billing' });
    expect(await findCaseById(h.db, c.id as number)).to.include({ categoryConfirmed: true });
    const all = await letters(h);
    expect(all.find((l) => l.kind === 'staff_assigned')?.to).to.equal('staff2@example.test');
    expect(all.find((l) => l.kind === 'staff_assigned')?.mail.text).to.contain('assigned complaint CMP-2026-000001 to you');
    expect(all.find((l) => l.kind === 'deadline_extended')?.mail.text).to.contain('ждём ответа банка');
    expect(all.find((l) => l.kind === 'command_result')?.mail.text).to.contain('assignee staff2@example.test');
  });

  it('#merge closes this case into another; both histories say so and later letters land on the other', async () => {
    await h.deliver(rawMail({ from: 'client1@example.test', subject: 'Другая тема', body: 'Вторая претензия.' }));
    await h.processAll();
    await h.deliver(replyTo(announcement, 'staff1@example.test', '#объединить CMP-2026-000002'));
    await h.processAll();
    expect(await kase(h)).to.include({ status: 'merged', merged_into: 2 });
    expect(((await h.db('history').where({ case_id: 2, event: 'merged_in' }).count({ n: '*' }).first()) as { n: number }).n).to.equal(1);
    const ack = (await letters(h)).find((l) => l.kind === 'acknowledgement') as Letter;
    await h.deliver(replyTo(ack, 'client1@example.test', 'Ещё одно дополнение.'));
    await h.processAll();
    expect((await h.db('inbound').orderBy('id', 'desc').first() as { case_id: number }).case_id).to.equal(2);
  });

  it('a valid token from someone who has left the directory is refused as a departed member', async () => {
    await h.deliver(replyTo(announcement, 'staff1@example.test', '#назначить мне'));
    await h.processAll();
    // Their own confirmation carries a token bound to staff1; then staff1 leaves the directory.
    const confirmation = (await letters(h)).find((l) => l.kind === 'command_result') as Letter;
    h.deps.desk.directory = buildDirectory(STAFF_MEMBERS.slice(2), h.deps.desk.categories.departments);
    await h.deliver(replyTo(confirmation, 'staff1@example.test', '#закрыть'));
    await h.processAll();
    expect(await kase(h)).to.include({ status: 'new' });
    expect(await events(h)).to.include('security.departed_staff');
  });
});

import { expect } from 'chai';
import { pipelineHarness, type Harness } from '../support/pipeline-harness';
import { rawMail } from '../support/raw-mail';
import { forgetClient, FORGOTTEN_EVENT } from '../../src/privacy/forget';
import { historyOfCase } from '../../src/store/history-repo';

const CLIENT = 'client1@example.test';
const NAME = 'Анна Петрова';
const PHONE = '+7 912 345-67-89';
// Every table a client's data can reach; a new table holding mail belongs here too.
const TABLES = ['cases', 'messages', 'attachments', 'inbound', 'outbox', 'case_participants', 'history', 'decisions', 'case_links', 'alerts', 'suppressions', 'jobs'];

function withAttachment(subject: string): Buffer {
  const lines = [
    `From: ${NAME} <${CLIENT}>`, 'To: complaints@example.test', `Subject: ${subject}`, 'Message-ID: <att.1@client.example.test>', 'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="b1"', '', '--b1', 'Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: 8bit', '',
    `Чек прилагаю, звоните ${PHONE}.`, '--b1', 'Content-Type: application/pdf; name="passport-petrova.pdf"', 'Content-Disposition: attachment; filename="passport-petrova.pdf"',
    'Content-Transfer-Encoding: base64', '', Buffer.from(`PDF of ${NAME}`).toString('base64'), '--b1--', '',
  ];
  return Buffer.from(lines.join('\r\n'), 'utf8');
}

/** Every row of every table that names the client's address, name, phone or words, as "table#id". */
async function rowsNamingClient(h: Harness): Promise<string[]> {
  const found: string[] = [];
  for (const table of TABLES) {
    for (const row of (await h.db(table).select('*')) as Array<Record<string, unknown>>) {
      const text = Object.values(row).map((v) => (Buffer.isBuffer(v) ? v.toString('utf8') : String(v))).join('\n').toLowerCase();
      if ([CLIENT, NAME.toLowerCase(), PHONE, 'бракованный', 'passport-petrova'].some((needle) => text.includes(needle))) found.push(`${table}#${String(row.id ?? row.case_id)}`);
    }
  }
  return found;
}

describe('forgetting a client\'s personal data', () => {
  let h: Harness;
  afterEach(async () => h.close());

  async function clientWithHistory(): Promise<void> {
    h = await pipelineHarness();
    await h.deliver(rawMail({ subject: 'Возврат денег', body: `Прошу вернуть деньги за бракованный товар. ${NAME}, ${PHONE}` }));
    await h.deliver(rawMail({ subject: 'Опять брак', body: 'Снова бракованный товар.' }));
    await h.deliver(withAttachment('Третья жалоба'));
    await h.deliver(rawMail({ subject: 'Out of office', headers: { 'Auto-Submitted': 'auto-replied' }, body: 'Я в отпуске, бракованный товар подождёт.' }));
    await h.deliver(rawMail({ from: 'Ольга <other@example.test>', to: 'complaints@example.test', headers: { Cc: `${NAME} <${CLIENT}>` }, subject: 'Соседка', body: 'Жалуюсь вместе с соседкой.' }));
    await h.processAll();
    // The first acknowledgement went; the rest wait in the outbox.
    const first = (await h.db('outbox').where({ kind: 'acknowledgement' }).orderBy('id').first('id')) as { id: number };
    await h.db('outbox').where({ id: first.id }).update({ status: 'sent', smtp_response: `250 2.0.0 Ok: queued for <${CLIENT}>`, sent_at: '2026-11-27T10:01:00.000Z' });
  }

  it('leaves no trace of the client\'s address, name, phone, words or attachments in any table, and says so on each case', async function () {
    this.timeout(30_000);
    await clientWithHistory();
    expect(await rowsNamingClient(h)).to.not.be.empty;
    const other = ((await h.db('cases').where({ client_address: 'other@example.test' }).first('id', 'number')) as { id: number; number: string });
    const own = ((await h.db('cases').where({ client_address: CLIENT }).orderBy('id').select('id', 'number')) as Array<{ id: number; number: string }>);
    const before = (await h.db('cases').orderBy('id').select('id', 'number', 'status', 'category', 'department', 'received_at')) as Array<Record<string, unknown>>;

    const report = await forgetClient(h.db, { address: 'Client1@Example.test', by: 'dpo@example.test', now: new Date('2026-11-28T12:00:00Z'), dryRun: false });

    expect(await rowsNamingClient(h)).to.deep.equal([]);
    expect(report.cases.map((c) => [c.number, c.client])).to.deep.equal([...own.map((c) => [c.number, true]), [other.number, false]]);
    expect(report.total.attachments).to.equal(1);
    expect(report.caseless.rawMessages).to.equal(1);
    // Anonymous statistics stay: the same cases with their causes, statuses and times, one pseudonymous client.
    expect(await h.db('cases').orderBy('id').select('id', 'number', 'status', 'category', 'department', 'received_at')).to.deep.equal(before);
    const clients = (await h.db('cases').whereIn('id', own.map((c) => c.id)).distinct('client_address')) as Array<{ client_address: string }>;
    expect(clients).to.have.length(1);
    expect(clients[0]?.client_address).to.match(/^forgotten-[0-9a-f]+@forgotten\.invalid$/);
    const entry = (await historyOfCase(h.db, own[0]?.id ?? 0)).find((e) => e.event === FORGOTTEN_EVENT);
    expect(entry).to.include({ actor: 'dpo@example.test', at: '2026-11-28T12:00:00.000Z' });
    expect((await historyOfCase(h.db, other.id)).map((e) => e.event)).to.include(FORGOTTEN_EVENT);
    // The other client's own data is theirs and stays.
    expect(await h.db('cases').where({ id: other.id }).first('client_address', 'body')).to.deep.equal({ client_address: 'other@example.test', body: 'Жалуюсь вместе с соседкой.\n' });
  });

  it('empties a letter that was sent and cancels, with the reason, the letters not yet sent', async function () {
    this.timeout(30_000);
    await clientWithHistory();
    await forgetClient(h.db, { address: CLIENT, by: 'dpo', now: new Date('2026-11-28T12:00:00Z'), dryRun: false });
    const letters = (await h.db('outbox').where({ case_id: 1 }).orderBy('id').select('kind', 'status', 'raw', 'last_error')) as Array<{ kind: string; status: string; raw: Buffer; last_error: string | null }>;
    expect(letters.map((l) => [l.kind, l.status, l.raw.length])).to.deep.equal([['acknowledgement', 'sent', 0], ['staff_notice', 'cancelled', 0]]);
    expect(letters[1]?.last_error).to.equal('cancelled: the client\'s personal data was forgotten (by dpo at 2026-11-28T12:00:00.000Z)');
  });

  it('a dry run reports what a run would change and changes nothing', async function () {
    this.timeout(30_000);
    await clientWithHistory();
    const snapshot = async (): Promise<string> => JSON.stringify(await Promise.all(TABLES.map((t) => h.db(t).select('*'))));
    const before = await snapshot();
    const dry = await forgetClient(h.db, { address: CLIENT, by: 'dpo', now: new Date('2026-11-28T12:00:00Z'), dryRun: true, pseudonym: 'forgotten-x@forgotten.invalid' });
    expect(await snapshot()).to.equal(before);
    const real = await forgetClient(h.db, { address: CLIENT, by: 'dpo', now: new Date('2026-11-28T12:00:00Z'), dryRun: false, pseudonym: 'forgotten-x@forgotten.invalid' });
    expect({ ...dry, dryRun: false }).to.deep.equal(real);
  });

  it('run again, it finds nothing left to change', async function () {
    this.timeout(30_000);
    await clientWithHistory();
    await forgetClient(h.db, { address: CLIENT, by: 'dpo', now: new Date('2026-11-28T12:00:00Z'), dryRun: false });
    const history = await h.db('history').count({ n: '*' }).first();
    const again = await forgetClient(h.db, { address: CLIENT, by: 'dpo', now: new Date('2026-11-28T13:00:00Z'), dryRun: false });
    expect(again.cases).to.deep.equal([]);
    expect(Object.values(again.total).every((n) => n === 0)).to.equal(true);
    expect(await h.db('history').count({ n: '*' }).first()).to.deep.equal(history);
  });
});

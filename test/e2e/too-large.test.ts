import { expect } from 'chai';
import { simpleParser } from 'mailparser';
import { appendRaw, ensureMailstack, listMessages, resetMailboxes, waitFor } from '../support/mailstack';
import { startDaemon, testInstance } from '../support/daemon-harness';
import { rawMail, uniqueId } from '../support/raw-mail';
import type { Runtime } from '../../src/main';

// A limit of 200 KB stands in for the shipped 25 MB: the daemon's path is the same, the test quick.
const LIMIT = 200_000;

describe('a message over the size limit, end to end on the real mail stack', function () {
  this.timeout(120_000);
  let daemon: (Runtime & { logs: string[] }) | null = null;

  before(async () => ensureMailstack());
  beforeEach(async () => resetMailboxes());
  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && daemon) process.stderr.write(daemon.logs.slice(-40).join(''));
    await daemon?.close();
    daemon = null;
  });

  const bigComplaint = (subject: string): Buffer => rawMail({ messageId: uniqueId('big'), subject, body: `Видео прилагаю.\r\n${'A'.repeat(76).concat('\r\n').repeat(8000)}` });
  const subjects = async (user: string): Promise<string[]> => Promise.all((await listMessages(user, 'INBOX')).map(async (m) => (await simpleParser(m.source)).subject ?? ''));

  it('is read only by its headers, kept whole in Quarantine, registered, its client told it was registered, and staff alerted', async () => {
    daemon = await startDaemon(testInstance({ mail: { maxMessageBytes: LIMIT } }));
    const raw = bigComplaint('Курьер разбил посылку');
    await appendRaw('complaints', 'INBOX', raw);
    const year = new Date().getFullYear();
    const told = await waitFor(async () => (await subjects('client1')).find((s) => s.includes('Получено')), { timeoutMs: 30_000, what: 'the too-large letter in client1 INBOX' });
    expect(told).to.equal(`[CMP-${year}-000001] Получено: Курьер разбил посылку`);
    const [row] = (await daemon.db('inbound').select('status', 'size', 'raw', 'reason')) as Array<{ status: string; size: number; raw: Buffer; reason: string }>;
    expect(row).to.include({ status: 'quarantined', size: raw.length });
    expect(row?.raw.length).to.be.below(2000);
    expect(row?.reason).to.match(/^too large: \d+ bytes/);
    const kept = await waitFor(async () => (await listMessages('complaints', 'Quarantine'))[0], { timeoutMs: 20_000, what: 'the message moved to Quarantine' });
    expect(kept.source.equals(raw)).to.equal(true);
    await waitFor(async () => ((await subjects('staff1')).some((s) => s.includes('message quarantined')) ? true : null), { timeoutMs: 30_000, what: 'the quarantine alert in staff1 INBOX' });
  });

  it('with mail.tooLarge "too-large" the client is told it was too large and how to send it, and no case is made', async () => {
    daemon = await startDaemon(testInstance({ mail: { maxMessageBytes: LIMIT, tooLarge: 'too-large' } }));
    await appendRaw('complaints', 'INBOX', bigComplaint('Фото повреждений'));
    const told = await waitFor(async () => (await listMessages('client1', 'INBOX'))[0], { timeoutMs: 30_000, what: 'the too-large letter in client1 INBOX' });
    const letter = await simpleParser(told.source);
    expect(letter.subject).to.equal('Ваше письмо слишком большое: Фото повреждений');
    expect(letter.text).to.contain('отправьте его ещё раз в меньшем виде');
    const cases = (await daemon.db('cases').count({ n: '*' }).first()) as { n: number | string };
    expect(Number(cases.n)).to.equal(0);
  });
});

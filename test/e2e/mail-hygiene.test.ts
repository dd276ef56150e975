import { expect } from 'chai';
import type { Knex } from 'knex';
import { simpleParser } from 'mailparser';
import { ensureMailstack, freshUser, listMessages, resetMailboxes, sendMail, waitFor, UNDELIVERABLE_DOMAIN } from '../support/mailstack';
import { testInstance, startDaemon } from '../support/daemon-harness';
import type { Runtime } from '../../src/main';

type Row = Record<string, unknown>;

async function rows(db: Knex, table: string, where: Row = {}): Promise<Row[]> {
  return (await db(table).where(where).orderBy('id')) as Row[];
}

/** The row of `kind` on case `caseId` once it is in one of `statuses`. */
async function letterOf(db: Knex, caseId: number, kind: string, statuses: string[], what: string): Promise<Row> {
  return waitFor(async () => (await rows(db, 'outbox', { case_id: caseId, kind })).find((r) => statuses.includes(r.status as string)), { timeoutMs: 30_000, what });
}

describe('bounces, the suppression list and the ceiling on automatic letters, end to end on the real mail stack', function () {
  this.timeout(120_000);
  let daemon: (Runtime & { logs: string[] }) | null = null;

  before(async () => ensureMailstack());
  beforeEach(async () => resetMailboxes());
  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && daemon) process.stderr.write(daemon.logs.slice(-60).join(''));
    await daemon?.close();
    daemon = null;
  });

  it('our acknowledgement bounces for real: it is marked bounced, the address suppressed, the case\'s queue told, and the next letter there is not sent', async () => {
    // Each case announced in a letter of its own: the second one's tells when the sender is past the first's.
    daemon = await startDaemon(testInstance({ staff: { notify: [], announcements: { batchSeconds: 0 } } }));
    const client = `anna@${UNDELIVERABLE_DOMAIN}`;
    await sendMail(client, 'complaints@example.test', { subject: 'Возврат денег', text: 'Прошу вернуть деньги за заказ 512.' });
    // Postfix takes the letter, Dovecot refuses the mailbox, and Postfix's DSN comes back to our VERP address.
    const ack = await letterOf(daemon.db, 1, 'acknowledgement', ['bounced'], 'the acknowledgement marked bounced');
    expect(ack).to.include({ bounce_status: '5.1.1', bounce_reason: 'no_such_user', bounce_hard: 1 });
    expect(ack.bounce_reply).to.contain('User doesn\'t exist');
    const [bounce] = await rows(daemon.db, 'inbound', { status: 'bounce' });
    expect(bounce).to.include({ case_id: 1 });
    expect(bounce?.reason).to.match(/found by the returned Message-ID/);
    const [entry] = await rows(daemon.db, 'suppressions');
    expect(entry).to.include({ address: client, outbox_id: ack.id, case_id: 1 });
    expect(Date.parse(entry?.until as string) - Date.now()).to.be.within(29 * 86_400_000, 30 * 86_400_000 + 60_000);

    const [alert] = await rows(daemon.db, 'alerts', { kind: 'bounce' });
    const queue = String(alert?.recipients);
    await waitFor(async () => {
      for (const m of await listMessages(queue, 'INBOX')) if (/bounce: 5\.1\.1 no_such_user/.test((await simpleParser(m.source)).subject ?? '')) return true;
      return null;
    }, { timeoutMs: 30_000, what: `the bounce alert in ${queue}'s INBOX` });

    await sendMail(client, 'complaints@example.test', { subject: 'Ещё раз про возврат', text: 'Деньги так и не вернули, заказ 513.' });
    const second = await letterOf(daemon.db, 2, 'acknowledgement', ['suppressed', 'sent', 'bounced'], 'the second acknowledgement settled');
    expect(second.status).to.equal('suppressed');
    expect(second.last_error).to.contain(`${client} is on the suppression list until`);
    const history = (await rows(daemon.db, 'history', { case_id: 2 })).map((h) => h.event);
    expect(history).to.include('acknowledgement_suppressed');
    // The staff announcement of the second case went out, so the sender has been past the suppressed letter.
    await letterOf(daemon.db, 2, 'staff_notice', ['sent'], 'the second announcement sent');
    expect(await rows(daemon.db, 'inbound', { status: 'bounce' })).to.have.length(1);
  });

  it('an auto-responder answering every letter with an auto-reply and a new "complaint" gets letters only up to the ceiling, and every message is recorded', async () => {
    const ceiling = 3;
    daemon = await startDaemon(testInstance({ staff: { notify: [] }, mail: { autoLetterCeiling: { perRecipientPerHour: ceiling, perRecipientPerDay: 20, globalPerHour: 2000 } } }));
    const db = daemon.db;
    const robot = await freshUser();
    const responder = autoResponder(robot);
    try {
      await sendMail(robot, 'complaints@example.test', { subject: 'Жалоба №0', text: 'Не пришёл возврат по заказу 900.' });
      // Each of our letters brings two messages back; the complaint after the ceiling is held, not acknowledged.
      await waitFor(async () => (await rows(db, 'history', { event: 'acknowledgement_held' })).length > 0, { timeoutMs: 60_000, what: 'an acknowledgement held back' });
      await waitFor(async () => {
        const inbound = (await rows(db, 'inbound')).filter((r) => r.status !== 'own_copy');
        return inbound.length === 1 + 2 * ceiling && inbound.every((r) => r.status !== 'pending');
      }, { timeoutMs: 30_000, what: 'every message the responder sent recorded' });
    } finally {
      await responder.stop();
    }
    const acks = await rows(db, 'outbox', { kind: 'acknowledgement' });
    expect(acks).to.have.length(ceiling);
    await waitFor(async () => ((await listMessages(robot, 'INBOX')).length === ceiling ? true : null), { timeoutMs: 20_000, what: `${ceiling} letters in the responder's INBOX` });
    expect(responder.answered()).to.equal(ceiling);
    const statuses = (await rows(db, 'inbound')).filter((r) => r.status !== 'own_copy').map((r) => r.status);
    expect(statuses.filter((s) => s === 'registered')).to.have.length(ceiling + 1);
    // The auto-replies thread to the case of the letter they answer and are only recorded there.
    expect((await rows(db, 'messages', { kind: 'automated', direction: 'in' }))).to.have.length(ceiling);
    expect(await rows(db, 'cases')).to.have.length(ceiling + 1);
    expect(await rows(db, 'alerts', { kind: 'mail_loop' })).to.have.length(1);
  });
});

/**
 * A mailbox whose every incoming letter is answered twice, as a badly configured robot would: an
 * RFC 3834 auto-reply to the letter's Return-Path, and a plain "new complaint" to complaints@.
 */
function autoResponder(user: string): { stop(): Promise<void>; answered(): number } {
  const seen = new Set<number>();
  let stopping = false;
  const loop = (async () => {
    while (!stopping) {
      for (const m of await listMessages(user, 'INBOX')) {
        if (seen.has(m.uid)) continue;
        seen.add(m.uid);
        const letter = await simpleParser(m.source);
        const returnPath = (letter.headers.get('return-path') as { value: Array<{ address: string }> } | undefined)?.value[0]?.address ?? 'complaints@example.test';
        await sendMail(user, returnPath, {
          subject: `Автоответ: ${letter.subject ?? ''}`, text: 'Ваше письмо получено и будет обработано.', inReplyTo: letter.messageId, references: letter.messageId,
          headers: { 'Auto-Submitted': 'auto-replied' },
        });
        await sendMail(user, 'complaints@example.test', { subject: `Жалоба №${seen.size}`, text: `Обращение номер ${seen.size}: возврат по заказу так и не пришёл.` });
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  return {
    stop: async () => {
      stopping = true;
      await loop;
    },
    answered: () => seen.size,
  };
}

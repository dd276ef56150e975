import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { runCorpus, type CorpusRun } from '../support/corpus-run';
import { fixtureNames } from '../unit/mail/fixtures';

// Every fixture in test/fixtures/mail (real-world messages from public test suites, see its
// PROVENANCE.md, and synthetic Cyrillic ones) through the whole daemon over IMAP. bench/corpus.ts
// does the same with the whole evaluation corpus.
const FIXTURES = path.join(__dirname, '../fixtures/mail');
const SETTLED = ['registered', 'follow_up', 'automated', 'bounce', 'duplicate', 'quarantined'];

describe('real-world messages through the whole daemon over IMAP', function () {
  this.timeout(300_000);
  let run: CorpusRun;
  let cases: Map<number, { subject: string; client_name: string; body: string }>;

  before(async () => {
    const messages = fixtureNames().map((name) => ({ name, raw: readFileSync(path.join(FIXTURES, name)) }));
    // The instance's store goes with it when the run ends, so the cases are read before.
    run = await runCorpus(messages, { timeoutMs: 120_000, keep: async (db) => {
      const rows = (await db('cases').select('id', 'subject', 'client_name', 'body')) as Array<{ id: number; subject: string; client_name: string; body: string }>;
      cases = new Map(rows.map((r) => [r.id, r]));
    } });
  });

  const outcome = (name: string) => {
    const found = run.outcomes.find((o) => o.name === name);
    if (!found) throw new Error(`no outcome for ${name}`);
    return found;
  };
  const caseOf = (name: string) => {
    const id = outcome(name).caseId;
    const kase = id === null ? undefined : cases.get(id);
    if (!kase) throw new Error(`${name} became no case (${outcome(name).status}: ${outcome(name).reason ?? ''})`);
    return kase;
  };

  it('no message crashed the daemon, failed our code or was left hanging', () => {
    expect({ crashes: run.crashes, failedAttempts: run.failedAttempts, hangs: run.hangs }).to.deep.equal({ crashes: 0, failedAttempts: 0, hangs: 0 });
  });

  it('each message was registered, recorded or quarantined with a reason; only the empty one never reached the mailbox', () => {
    for (const o of run.outcomes) {
      if (o.name === 'synthetic__empty.eml') expect(o.status, o.name).to.equal('refused');
      else expect(SETTLED, `${o.name}: ${o.status}`).to.include(o.status);
      if (o.status === 'quarantined') expect(o.reason, o.name).to.be.a('string').and.not.equal('');
    }
  });

  it('mail that is not a complaint is recorded as automated: auto-replies, bounces, read receipts, abuse reports', () => {
    for (const name of ['sisimai-set-of-emails__bsd__rfc3834-01.eml', 'sisimai-set-of-emails__bsd__rfc3464-01.eml', 'mimekit__messages__disposition-notification.eml', 'sisimai-set-of-emails__bsd__arf-01.eml']) {
      expect(outcome(name).status, name).to.equal('automated');
    }
  });

  it('a message with no usable sender or no header block is quarantined with its reason', () => {
    expect(outcome('synthetic__no-from.eml')).to.include({ status: 'quarantined', reason: 'no sender address' });
    expect(outcome('enmime__mail__erroneous.eml')).to.include({ status: 'quarantined', reason: 'no header block' });
    expect(outcome('mimekit__messages__multipart-related-mhtml.eml')).to.include({ status: 'quarantined', reason: 'no sender address' });
  });

  it('a KOI8-R complaint becomes a case with its Cyrillic subject, sender name and text', () => {
    expect(caseOf('synthetic__koi8r-complaint.eml')).to.include({ subject: 'Нет горячей воды', client_name: 'Пётр Иванов' });
    expect(caseOf('synthetic__koi8r-complaint.eml').body).to.include('Вторую неделю в доме 12 по улице Ленина нет горячей воды');
    expect(caseOf('synthetic__koi8r-raw-subject-undeclared.eml').subject).to.equal('ЖАЛОБА НА ОТОПЛЕНИЕ');
    expect(caseOf('mimekit__tnef__ukr.eml').body.startsWith('шостий')).to.equal(true);
  });

  it('windows-1251 complaints, in encoded words and in raw 8-bit headers, come out right', () => {
    expect(caseOf('synthetic__cp1251-complaint.eml')).to.include({ subject: 'Жалоба на отделение № 5', client_name: 'Анна Смирнова' });
    expect(caseOf('synthetic__cp1251-complaint.eml').body).to.include('Хочу подать жалобу на работу отделения № 5');
    expect(caseOf('synthetic__cp1251-raw-8bit-headers.eml')).to.include({ subject: 'Возврат денег по договору', client_name: 'Ольга Кузнецова' });
    expect(caseOf('mikel-mail__emails__plain_emails__raw_email_bad_time.eml').client_name).to.equal('Атиковa');
  });

  it('encoded words in other charsets come out right too: ISO-2022-JP, ISO-8859-1', () => {
    expect(caseOf('mimekit__messages__japanese.eml').subject).to.equal('日本語メールテスト (testing Japanese emails)');
    expect(caseOf('zbateson-mail-mime-parser__m1001.eml')).to.include({ subject: 'Die Hasen und die Frösche (Netscape Communicator 4.7)', client_name: 'Doug Sauder' });
  });

  it('a Mail.ru bounce with a Cyrillic encoded-word subject is recorded as automated, not registered', () => {
    expect(outcome('sisimai-set-of-emails__bsd__lhost-mailru-01.eml').status).to.equal('automated');
  });

  it('hostile shapes (a 135 KB To header, 570 KB of stack-breaking HTML, NUL bytes) are taken in like any other message', () => {
    for (const name of ['mimekit__messages__stack-overflow.eml', 'nodemailer-mailparser__fixtures__htmllargecallstack.eml', 'synthetic__nul-bytes.eml']) {
      expect(['registered', 'duplicate'], `${name}: ${outcome(name).status} ${outcome(name).reason ?? ''}`).to.include(outcome(name).status);
    }
  });
});

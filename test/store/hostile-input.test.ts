import { expect } from 'chai';
import { simpleParser } from 'mailparser';
import { pipelineHarness, type Harness } from '../support/pipeline-harness';
import { uniqueId } from '../support/raw-mail';

// Client text reaches our own letters (the acknowledgement echoes the subject and name, the staff
// announcement the whole text): none of it may become a header, markup or template code there.

const b64 = (text: string): string => `=?UTF-8?B?${Buffer.from(text, 'utf8').toString('base64')}?=`;

function message(headers: string[], body: string, contentType = 'text/plain; charset=utf-8'): Buffer {
  return Buffer.from([...headers, `Message-ID: <${uniqueId('hostile')}>`, 'To: complaints@example.test', 'MIME-Version: 1.0', `Content-Type: ${contentType}`, 'Content-Transfer-Encoding: 8bit', '', body, ''].join('\r\n'));
}

/** The header names of a raw letter, folded lines joined: what a mail program would see as headers. */
function headerNames(raw: Buffer): string[] {
  const block = raw.toString('utf8').split(/\r?\n\r?\n/)[0] ?? '';
  return block.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/).map((line) => (line.split(':')[0] ?? '').toLowerCase());
}

describe('hostile client text in our letters', () => {
  let h: Harness;
  afterEach(async () => h.close());

  const letters = async (): Promise<Array<{ kind: string; raw: Buffer; subject: string; text: string; html: string }>> => {
    const rows = (await h.db('outbox').orderBy('id')) as Array<{ kind: string; raw: Buffer }>;
    return Promise.all(rows.map(async (r) => {
      const m = await simpleParser(r.raw);
      return { kind: r.kind, raw: r.raw, subject: m.subject ?? '', text: m.text ?? '', html: typeof m.html === 'string' ? m.html : '' };
    }));
  };
  const deliver = async (raw: Buffer): Promise<void> => {
    h = await pipelineHarness();
    await h.deliver(raw);
    await h.processAll();
    expect(((await h.db('inbound').first('status')) as { status: string }).status).to.equal('registered');
  };

  it('an encoded CRLF in the subject or the display name never becomes a header of the acknowledgement or the announcement', async () => {
    await deliver(message([`From: ${b64('Анна\r\nBcc: all@example.test')} <client1@example.test>`, `Subject: ${b64('Возврат\r\nBcc: all@example.test\r\nX-Injected: yes')}`], 'Прошу вернуть деньги.'));
    const sent = await letters();
    expect(sent.map((l) => l.kind)).to.deep.equal(['acknowledgement', 'staff_notice']);
    for (const l of sent) {
      expect(headerNames(l.raw), l.kind).not.to.include.members(['bcc', 'x-injected']);
      expect(l.subject, l.kind).to.contain('Возврат Bcc: all@example.test X-Injected: yes');
    }
    expect(((await h.db('cases').first('client_name')) as { client_name: string }).client_name).to.equal('Анна Bcc: all@example.test');
  });

  it('a folded subject line is one line in our letters, not a header of its own', async () => {
    await deliver(message(['From: client1@example.test', 'Subject: Refund\r\n Bcc: all@example.test'], 'Please refund my order.'));
    for (const l of await letters()) expect(headerNames(l.raw)).not.to.include('bcc');
  });

  it('HTML and scripts in the name and body are text: escaped in the HTML acknowledgement, plain in the announcement', async () => {
    await deliver(message(['From: "<script>alert(1)</script>" <client1@example.test>', 'Subject: <b>Refund</b>'], '<script>document.location="http://evil.test"</script> <img src=x onerror=alert(2)> refund please'));
    const [ack, notice] = await letters();
    expect(ack?.html).to.contain('&lt;script&gt;alert(1)&lt;/script&gt;').and.not.contain('<script>');
    expect(notice?.text).to.contain('<script>document.location="http://evil.test"</script>');
    expect(notice?.html).to.equal('');
  });

  it('Handlebars-looking text in the subject, name and body is printed as written, never run', async () => {
    await deliver(message([`From: ${b64('{{7*7}} {{{case.number}}}')} <client1@example.test>`, 'Subject: Refund {{7*7}} {{{body}}} {{> partial}}'], 'Refund {{7*7}} {{{body}}} {{#each this}}x{{/each}} {{constructor.constructor "return 1"}}'));
    const [ack, notice] = await letters();
    expect(ack?.subject).to.contain('Refund {{7*7}} {{{body}}} {{> partial}}');
    expect(ack?.text).to.contain('{{7*7}} {{{case.number}}}');
    expect(notice?.text).to.contain('Refund {{7*7}} {{{body}}} {{#each this}}x{{/each}} {{constructor.constructor "return 1"}}');
    expect(notice?.text).not.to.contain('49');
  });

  it('a 100 KB line in the body and the subject is carried in lines a mail server accepts', async () => {
    const line = 'жалоба'.repeat(17_000);
    await deliver(message(['From: client1@example.test', `Subject: ${b64(line.slice(0, 5000))}`], line));
    const sent = await letters();
    for (const l of sent) {
      const longest = Math.max(...l.raw.toString('utf8').split('\r\n').map((x) => Buffer.byteLength(x)));
      expect(longest, l.kind).to.be.at.most(998);
    }
    expect(sent[1]?.text).to.contain(line);
    expect(((await h.db('cases').first('subject')) as { subject: string }).subject).to.have.length(1000);
  });

  it('bidirectional overrides in the subject and the name are removed, so nothing displays reversed', async () => {
    await deliver(message([`From: ${b64('Анна \u202Eнаметс\u202C')} <client1@example.test>`, `Subject: ${b64('Счёт \u202Efdp.exe\u202C за май')}`], 'Вложение не открывается.'));
    const kase = (await h.db('cases').first('subject', 'client_name')) as { subject: string; client_name: string };
    expect(kase).to.deep.equal({ subject: 'Счёт fdp.exe за май', client_name: 'Анна наметс' });
    for (const l of await letters()) expect(l.subject).not.to.match(/[\u202A-\u202E\u2066-\u2069]/);
  });

  it('attachment names with paths, control characters and 1000 characters are stored and listed by their safe names', async () => {
    const part = (name: string): string => [`--b`, `Content-Type: application/pdf; name="${name}"`, `Content-Disposition: attachment; filename="${name}"`, 'Content-Transfer-Encoding: base64', '', 'JVBERi0xLjQK'].join('\r\n');
    const body = ['--b', 'Content-Type: text/plain; charset=utf-8', '', 'Документы прилагаю.', part('../../etc/passwd'), part(b64('акт\u0007\u001b[31m.pdf')), part(`${'x'.repeat(1000)}.pdf`), '--b--'].join('\r\n');
    await deliver(message(['From: client1@example.test', 'Subject: Документы'], body, 'multipart/mixed; boundary="b"'));
    const names = ((await h.db('attachments').orderBy('id').select('safe_name')) as Array<{ safe_name: string }>).map((a) => a.safe_name);
    expect(names).to.deep.equal(['passwd', 'акт[31m.pdf', `${'x'.repeat(196)}.pdf`]);
    const [, notice] = await letters();
    for (const name of names) expect(notice?.text).to.contain(name);
    expect(notice?.text).not.to.contain('../');
  });
});

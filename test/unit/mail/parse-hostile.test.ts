import { expect } from 'chai';
import { UnparseableMessageError } from '../../../src/mail/errors';
import { MAX_TEXT_LENGTH, parseMessage } from '../../../src/mail/parse';
import { LIMITS, fixture, fixtureNames, parseFixture, rejection } from './fixtures';

// Fixtures that must be rejected, and why, or that parse without a usable sender (the pipeline
// decides about those); every other fixture must parse to a sender address.
const REJECTED: Record<string, string> = {
  'synthetic__empty.eml': 'empty message',
  'enmime__mail__erroneous.eml': 'no header block',
  'synthetic__no-from.eml': 'parsed without a sender',
  'synthetic__from-name-only.eml': 'parsed without a sender',
  'mikel-mail__emails__error_emails__bad_encoded_subject.eml': 'parsed without a sender',
  // sendmail signs some bounces with a bare "MAILER-DAEMON": no address to reply to.
  'sisimai-set-of-emails__bsd__lhost-sendmail-04.eml': 'parsed without a sender',
  // A web page saved as MHTML: no From at all.
  'mimekit__messages__multipart-related-mhtml.eml': 'parsed without a sender',
};

function nestedMultiparts(depth: number): Buffer {
  let open = '';
  let close = '';
  for (let i = 0; i < depth; i++) {
    open += `Content-Type: multipart/mixed; boundary=b${i}\r\n\r\n--b${i}\r\n`;
    close = `\r\n--b${i}--\r\n${close}`;
  }
  return Buffer.from(`From: a@example.test\r\nSubject: deep\r\n${open}Content-Type: text/plain\r\n\r\nhi${close}`);
}

describe('parsing hostile and unusable messages', function () {
  // Each of these must finish quickly; a parser that hangs fails here instead of stalling the daemon.
  this.timeout(5000);

  it('a message with no From parses with no sender, for the pipeline to decide about', async () => {
    expect((await parseFixture('synthetic__no-from.eml')).from).to.equal(null);
  });

  it('a From with a display name and no address parses with no sender', async () => {
    expect((await parseFixture('synthetic__from-name-only.eml')).from).to.equal(null);
  });

  it('an empty message is unparseable with the reason "empty message"', async () => {
    expect((await rejection(Buffer.alloc(0))).reason).to.equal('empty message');
    expect((await rejection(Buffer.from('\r\n\r\n  \r\n'))).reason).to.equal('empty message');
  });

  it('text that is not a mail is unparseable with the reason "no header block"', async () => {
    expect((await rejection(fixture('enmime__mail__erroneous.eml'))).reason).to.equal('no header block');
  });

  it('a message larger than maxMessageBytes is unparseable with a reason naming the limit', async () => {
    const error = await rejection(fixture('synthetic__cp1251-complaint.eml'), { ...LIMITS, maxMessageBytes: 100 });
    expect(error.reason).to.equal('message larger than 100 bytes');
  });

  it('multiparts nested past mailparser\'s part limit are rejected with its reason, not followed', async () => {
    const error = await rejection(nestedMultiparts(3000));
    expect(error.reason).to.equal('unreadable MIME: Max allowed child nodes exceeded');
    expect(error.cause).to.be.instanceOf(Error);
  });

  it('multiparts nested deep but within the part limit still give the innermost text', async () => {
    const msg = await parseMessage(nestedMultiparts(200), LIMITS);
    expect(msg.text.trim()).to.equal('hi');
  });

  it('a header block over mailparser\'s 1 MB limit is rejected with its reason', async () => {
    const raw = Buffer.from(`From: a@example.test\r\nSubject: ${'x'.repeat(2 * 1024 * 1024)}\r\n\r\nbody`);
    expect((await rejection(raw)).reason).to.equal('unreadable MIME: Max header size for a MIME node exceeded');
  });

  it('a 500 KB subject is cut to 1000 characters', async () => {
    const raw = Buffer.from(`From: a@example.test\r\nSubject: ${'жалоба '.repeat(75_000)}\r\n\r\nbody`);
    const msg = await parseMessage(raw, LIMITS);
    expect(msg.subject).to.have.length.within(990, 1000);
    expect(msg.subject.startsWith('жалоба жалоба')).to.equal(true);
  });

  it('a body of millions of characters is cut at MAX_TEXT_LENGTH with a note, so every later stage works on a bounded text', async () => {
    const raw = Buffer.from(`From: a@example.test\r\nSubject: dump\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${'жалоба '.repeat(500_000)}`);
    const msg = await parseMessage(raw, LIMITS);
    expect(msg.text.length).to.be.below(MAX_TEXT_LENGTH + 200);
    expect(msg.text.startsWith('жалоба жалоба')).to.equal(true);
    expect(msg.text).to.match(/\[The text goes on: cut at 1000000 of 3500000 characters\. The whole message is kept as it came\.\]$/);
  });

  it('a 135 KB To header of encoded words parses to the one real recipient', async () => {
    const msg = await parseFixture('mimekit__messages__stack-overflow.eml');
    expect(msg.to.map((a) => a.address)).to.deep.equal(['test@test.com']);
  });

  it('570 KB of HTML written to overflow the call stack parses and yields text', async () => {
    const msg = await parseFixture('nodemailer-mailparser__fixtures__htmllargecallstack.eml');
    expect(msg.subject).to.equal('Kill the HTML parser');
    expect(msg.text).to.include('||Alerts||');
  });

  describe('message shapes that once made mailparser never finish', () => {
    it('mailparser#190: a message/rfc822 part with headers and no body', async () => {
      const msg = await parseFixture('synthetic__mailparser-190-rfc822-part-headers-only.eml');
      expect(msg.attachments.map((a) => a.safeName)).to.deep.equal(['attachment-1.eml']);
    });

    it('mailparser#224: no closing boundary after a base64 attachment', async () => {
      const msg = await parseFixture('synthetic__mailparser-224-missing-closing-boundary.eml');
      expect(msg.text).to.equal('receipt attached');
      expect(msg.attachments[0]?.content?.toString()).to.equal('%PDF-1.4\n');
    });

    it('mailparser#263: an inline message/rfc822 with broken closing boundaries', async () => {
      const msg = await parseFixture('synthetic__mailparser-263-bad-closing-boundaries.eml');
      expect(msg.text).to.include('Inner');
    });
  });

  describe('every raw message in the fixtures parses or is rejected with a reason, never a crash', () => {
    it('every expected rejection names a fixture that exists', () => {
      expect(fixtureNames()).to.include.members(Object.keys(REJECTED));
    });

    for (const name of fixtureNames()) {
      const expected = REJECTED[name];
      it(expected ? `${name}: ${expected}` : `${name} parses to a sender address`, async () => {
        let outcome: string;
        try {
          const msg = await parseMessage(fixture(name), LIMITS);
          outcome = msg.from?.address.includes('@') ? 'parsed' : 'parsed without a sender';
        } catch (err) {
          if (!(err instanceof UnparseableMessageError)) throw err;
          outcome = err.reason;
        }
        expect(outcome).to.equal(expected ?? 'parsed');
      });
    }
  });
});

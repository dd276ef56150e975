import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { parseMessage } from '../../../src/mail/parse';
import { LIMITS, fixture, parseFixture } from './fixtures';

describe('parsing a message', () => {
  describe('Cyrillic charsets', () => {
    it('a KOI8-R message comes out as Cyrillic text, subject and sender name', async () => {
      const msg = await parseFixture('synthetic__koi8r-complaint.eml');
      expect(msg.subject).to.equal('Нет горячей воды');
      expect(msg.from).to.deep.equal({ address: 'petr.ivanov@example.test', name: 'Пётр Иванов' });
      expect(msg.text).to.include('Вторую неделю в доме 12 по улице Ленина нет горячей воды');
      expect(msg.charsets).to.deep.equal(['koi8-r']);
    });

    it('the KOI8-R text part of an Outlook message with a TNEF attachment comes out as Cyrillic', async () => {
      const msg = await parseFixture('mimekit__tnef__ukr.eml');
      expect(msg.text.startsWith('шостий')).to.equal(true);
      expect(msg.attachments.map((a) => [a.safeName, a.contentType])).to.deep.equal([['winmail.dat', 'application/ms-tnef']]);
    });

    it('a windows-1251 complaint gets its encoded subject, sender name and body decoded', async () => {
      const msg = await parseFixture('synthetic__cp1251-complaint.eml');
      expect(msg.subject).to.equal('Жалоба на отделение № 5');
      expect(msg.from).to.deep.equal({ address: 'anna.smirnova@example.test', name: 'Анна Смирнова' });
      expect(msg.text).to.include('Хочу подать жалобу на работу отделения № 5');
      expect(msg.charsets).to.deep.equal(['windows-1251']);
    });

    it('a windows-1251 display name in an encoded word is decoded', async () => {
      const msg = await parseFixture('mikel-mail__emails__plain_emails__raw_email_bad_time.eml');
      expect(msg.from?.name).to.equal('Атиковa');
    });

    it('raw 8-bit windows-1251 headers are read in the charset the body declares', async () => {
      const msg = await parseFixture('synthetic__cp1251-raw-8bit-headers.eml');
      expect(msg.subject).to.equal('Возврат денег по договору');
      expect(msg.from?.name).to.equal('Ольга Кузнецова');
      expect(msg.text).to.include('Прошу вернуть деньги');
    });

    it('a raw 8-bit KOI8-R subject with no charset declared anywhere is recognised from its letters', async () => {
      const msg = await parseFixture('synthetic__koi8r-raw-subject-undeclared.eml');
      expect(msg.subject).to.equal('ЖАЛОБА НА ОТОПЛЕНИЕ');
    });

    it('a raw 8-bit windows-1251 attachment name is decoded like the headers of the message', async () => {
      const raw = Buffer.concat([
        Buffer.from(
          'From: client@example.test\r\nSubject: scan\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n' +
            '--b\r\nContent-Type: text/plain; charset=windows-1251\r\n\r\nsee scan\r\n' +
            '--b\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename="',
        ),
        Buffer.from([0xf1, 0xea, 0xe0, 0xed]), // "скан" in windows-1251
        Buffer.from('.pdf"\r\nContent-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n--b--\r\n'),
      ]);
      const msg = await parseMessage(raw, LIMITS);
      expect(msg.attachments[0]?.safeName).to.equal('скан.pdf');
    });

    it('a raw 8-bit attachment name that is already UTF-8 is left as it is', async () => {
      const msg = await parseFixture('enmime__mail__mime-bad-8bit-filename.eml');
      expect(msg.attachments[0]?.safeName).to.equal('管理.doc');
    });
  });

  describe('text and HTML', () => {
    it('a message without a text part gets its text from the HTML', async () => {
      const msg = await parseFixture('synthetic__html-only-with-attachment.eml');
      expect(msg.text).to.include('не доставлена, хотя срок истёк две недели назад');
      expect(msg.text).to.include('Прошу разобраться.');
      expect(msg.text).not.to.include('<');
      expect(msg.html).to.include('<b>две недели</b>');
    });

    it('an HTML-only message inside multipart/alternative gets its text from the HTML', async () => {
      const msg = await parseFixture('enmime__mail__html-only-inline.eml');
      expect(msg.text).to.include('Test of HTML section');
    });

    it('a message with a text part keeps that text and its HTML separately', async () => {
      const msg = await parseFixture('mikel-mail__emails__plain_emails__raw_email_bad_time.eml');
      expect(msg.text).to.include('Filter2: This message has been scanned');
      expect(msg.html).to.include('<a href="http://www.mailscanner.info/"><b>MailScanner</b></a>');
    });

    it('NUL bytes never reach the subject or the text', async () => {
      const msg = await parseFixture('synthetic__nul-bytes.eml');
      expect(msg.subject).to.equal('broken subject');
      expect(msg.text).to.equal('body with a  NUL byte\n');
    });

    it('the language of a Russian complaint is ru and of an English message en', async () => {
      expect((await parseFixture('synthetic__cp1251-complaint.eml')).language).to.equal('ru');
      expect((await parseFixture('enmime__mail__html-only-inline.eml')).language).to.equal('en');
    });
  });

  describe('identity and threading headers', () => {
    it('Message-ID, In-Reply-To and References come without angle brackets', async () => {
      const msg = await parseFixture('mikel-mail__emails__plain_emails__raw_email_reply.eml');
      expect(msg.messageId).to.equal('473FFE27.20003@xxx.org');
      expect(msg.inReplyTo).to.deep.equal(['348F04F142D69C21-291E56D292BC@xxxx.net']);
      expect(msg.references).to.deep.equal(['473FF3B8.9020707@xxx.org', '348F04F142D69C21-291E56D292BC@xxxx.net']);
    });

    it('a message without a Message-ID has null and is still identified by the hash of its bytes', async () => {
      const raw = fixture('synthetic__nul-bytes.eml');
      const msg = await parseMessage(raw, LIMITS);
      expect(msg.messageId).to.equal(null);
      expect(msg.contentHash).to.equal(createHash('sha256').update(raw).digest('hex'));
    });

    it('the headers map has lower-cased names and every value of a repeated header in order', async () => {
      const msg = await parseFixture('mikel-mail__emails__plain_emails__raw_email_reply.eml');
      expect(msg.headers['received']).to.have.length(5);
      expect(msg.headers['received']?.[0]).to.match(/^from me \(\[unix socket\]\) by xxxxx1\.xxxx\.net/);
      expect(msg.headers['message-id']).to.deep.equal(['<473FFE27.20003@xxx.org>']);
    });

    it('recipients are lower-cased and a date is read from the Date header', async () => {
      const msg = await parseFixture('mikel-mail__emails__plain_emails__raw_email_reply.eml');
      expect(msg.to).to.deep.equal([{ address: 'mikel@xxxx.net', name: 'Mikel Lindsaar' }]);
      expect(msg.date?.toISOString()).to.equal('2007-11-18T08:56:07.000Z');
    });

    it('a Date header that cannot be read gives null, not the time of parsing', async () => {
      const raw = Buffer.from('From: a@example.test\r\nDate: sometime last week\r\nSubject: s\r\n\r\nbody\r\n');
      expect((await parseMessage(raw, LIMITS)).date).to.equal(null);
    });
  });

  describe('attachments', () => {
    const receipt = Buffer.from('%PDF-1.4\n% a tiny receipt\n%%EOF\n');

    it('an attachment within the limit keeps its content, size and checksum', async () => {
      const [pdf] = (await parseFixture('synthetic__html-only-with-attachment.eml')).attachments;
      expect(pdf?.content?.equals(receipt)).to.equal(true);
      expect(pdf).to.include({ safeName: 'receipt.pdf', contentType: 'application/pdf', size: receipt.length, droppedReason: null });
    });

    it('an attachment over the limit is recorded with its checksum but without content', async () => {
      const [pdf] = (await parseFixture('synthetic__html-only-with-attachment.eml', { ...LIMITS, maxAttachmentBytes: 10 })).attachments;
      expect(pdf?.content).to.equal(null);
      expect(pdf?.droppedReason).to.equal('over size limit 10 bytes');
      expect(pdf?.size).to.equal(receipt.length);
      expect(pdf?.sha256).to.equal(createHash('sha256').update(receipt).digest('hex'));
    });

    it('attachment names from the sender cannot escape a folder, hide their extension or be missing', async () => {
      const names = (await parseFixture('synthetic__hostile-attachment-names.eml')).attachments.map((a) => a.safeName);
      expect(names.slice(0, 3)).to.deep.equal(['passwd', 'счётfdp.exe', '_CON']);
      expect(names[3]).to.match(/^Очень длинное название файла.*\.pdf$/);
      expect(Buffer.byteLength(names[3] ?? '')).to.be.at.most(200);
      expect(names[4]).to.equal('attachment-5.pdf');
    });
  });
});

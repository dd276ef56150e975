import { expect } from 'chai';
import { messageKeyOf, receivedAtOf, splitMbox } from '../../../src/import/mail-sources';

const mbox = Buffer.from([
  'From a@example.test Thu Oct  1 10:00:05 2026',
  'Subject: one',
  '',
  'body one',
  '>From here on, quoted the mboxrd way',
  '',
  'From b@example.test Fri Oct  2 08:00:00 2026',
  'Subject: two',
  '',
  'From the middle of a paragraph this line is not a separator',
  '',
].join('\n'));

describe('reading historic mail', () => {
  it('an mbox splits at "From " lines after an empty line, unquoting ">From " and keeping the envelope date', () => {
    const messages = splitMbox(mbox);
    expect(messages).to.have.length(2);
    expect(messages[0]!.raw.toString()).to.equal('Subject: one\n\nbody one\nFrom here on, quoted the mboxrd way\n');
    expect(messages[0]!.envelopeDate?.toISOString()).to.equal('2026-10-01T10:00:05.000Z');
    expect(messages[1]!.raw.toString()).to.equal('Subject: two\n\nFrom the middle of a paragraph this line is not a separator\n');
  });

  it('the received time is the topmost Received header\'s, then the envelope\'s, then the Date header\'s, then the file\'s', () => {
    const fallback = new Date('2020-01-01T00:00:00Z');
    const withReceived = Buffer.from('Received: from x\r\n by mail.example.test; Thu, 1 Oct 2026 10:00:00 +0000\r\nReceived: from y; Thu, 1 Oct 2026 09:00:00 +0000\r\nDate: Wed, 30 Sep 2026 10:00:00 +0300\r\n\r\nbody');
    expect(receivedAtOf(withReceived, null, fallback).toISOString()).to.equal('2026-10-01T10:00:00.000Z');
    const onlyDate = Buffer.from('Date: Wed, 30 Sep 2026 10:00:00 +0300\r\n\r\nReceived: in the body; Thu, 1 Oct 2026 10:00:00 +0000');
    expect(receivedAtOf(onlyDate, new Date('2026-10-02T00:00:00Z'), fallback).toISOString()).to.equal('2026-10-02T00:00:00.000Z');
    expect(receivedAtOf(onlyDate, null, fallback).toISOString()).to.equal('2026-09-30T07:00:00.000Z');
    expect(receivedAtOf(Buffer.from('Subject: x\r\n\r\n'), null, fallback)).to.equal(fallback);
  });

  it('the ledger key is the Message-ID without brackets, or a hash of the bytes when there is none', () => {
    expect(messageKeyOf(Buffer.from('Message-ID:\r\n <abc@example.test>\r\n\r\nbody'))).to.equal('abc@example.test');
    expect(messageKeyOf(Buffer.from('Subject: x\r\n\r\nbody'))).to.match(/^sha256:[0-9a-f]{64}$/);
  });
});

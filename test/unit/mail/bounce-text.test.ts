import { expect } from 'chai';
import { addressesIn, splitAtReturnedLetter, textRecipients } from '../../../src/mail/bounce-text';

const NONE = new Set<string>();

describe('reading a bounce written for people', () => {
  describe('where the returned letter starts', () => {
    it("Exim's and qmail's markers end the report", () => {
      const exim = splitAtReturnedLetter('failed:\n  anna@example.test\n\n------ This is a copy of the message, including all the headers. ------\n\nMessage-Id: <x@y>\n');
      expect(exim.report).to.equal('failed:\n  anna@example.test\n\n');
      expect(exim.returned).to.match(/^------ This is a copy/);
      const qmail = splitAtReturnedLetter('<anna@example.test>:\nno mailbox\n\n--- Below this line is a copy of the message.\n\nReturn-Path: <b@y>\n');
      expect(qmail.returned).to.match(/^--- Below this line/);
    });

    it('a pasted header block ends the report even without a marker', () => {
      const split = splitAtReturnedLetter('Unknown user: anna@example.test\n\nReceived: from mx\n\tby relay\nMessage-ID: <x@y>\nFrom: b@y\n\nbody');
      expect(split.report).to.equal('Unknown user: anna@example.test\n\n');
    });

    it('a summary of the letter above the error ("To: / Subject: / Date:") is still the report', () => {
      const text = 'To: boris@example.test\nSubject: Hi\nDate: Thursday\n\nundeliverable to anna@example.test\n';
      expect(splitAtReturnedLetter(text).returned).to.equal(null);
    });
  });

  describe('which addresses failed, and why', () => {
    it('an address leading its line, with the indented lines under it as the remote reply', () => {
      const report = [
        'The following address(es) failed:',
        '',
        '  anna@example.test',
        '    SMTP error from remote mail server after RCPT TO:<anna@example.test>:',
        '    host mx.example.test [192.0.2.1]: 550 5.1.1 <anna@example.test>... User unknown',
        '',
      ].join('\n');
      expect(textRecipients(report, NONE)).to.deep.equal([{ address: 'anna@example.test', diagnostic: '550 5.1.1 <anna@example.test>... User unknown' }]);
    });

    it('qmail: "<address>:" then the explanation, each address once', () => {
      const report = '<anna@example.test>:\nRemote host said: 550 no such user\n\n<boris@example.test>:\nRemote host said: 552 mailbox full\n';
      expect(textRecipients(report, NONE)).to.deep.equal([
        { address: 'anna@example.test', diagnostic: '550 no such user' },
        { address: 'boris@example.test', diagnostic: '552 mailbox full' },
      ]);
    });

    it('Postfix: the address we sent to is the alias it expanded from', () => {
      const report = '<box@mx.example.test> (expanded from <Anna@Example.test>): user unknown';
      expect(textRecipients(report, NONE)).to.deep.equal([{ address: 'anna@example.test', diagnostic: 'user unknown' }]);
    });

    it("the report's own sender and the person it returns the letter to are never the failed address", () => {
      const report = 'SMTP error after MAIL FROM:<us@org.example.test>:\n  us@org.example.test\n  anna@example.test\n    550 unknown user\n';
      expect(textRecipients(report, new Set(['us@org.example.test'])).map((r) => r.address)).to.deep.equal(['anna@example.test']);
    });

    it('a label that is the reason becomes the diagnostic', () => {
      expect(textRecipients('Unknown user: anna@example.test\n', NONE)).to.deep.equal([{ address: 'anna@example.test', diagnostic: 'Unknown user' }]);
    });

    it('when no line starts with an address, a transcript or a sentence names it', () => {
      expect(textRecipients('Sent <<< RCPT TO:<anna@example.test>\nReceived >>> 550 5.1.1 user unknown\n', NONE)[0]?.address).to.equal('anna@example.test');
      expect(textRecipients('There was an error: undeliverable to anna@example.test today\n', NONE)[0]?.address).to.equal('anna@example.test');
    });

    it('a layout pattern finds an address inside a sentence and reads the reply on its line', () => {
      const found = textRecipients('There was an error delivering your mail to <anna@example.test>.\n\nmx did not like our DATA:\n550 5.7.1 blocked\n', NONE, [/delivering your mail to <([^>]+)>/g]);
      expect(found).to.deep.equal([{ address: 'anna@example.test', diagnostic: '550 5.7.1 blocked' }]);
    });
  });

  describe('hostile reports', () => {
    // Regression: an unbounded local part made this search quadratic, 10 s for 64 KB.
    it('a 64 KB run of address characters is searched in well under a second', () => {
      const start = Date.now();
      expect(addressesIn(`550 ${'a'.repeat(64 * 1024)}`)).to.deep.equal([]);
      expect(addressesIn(`a@${'b'.repeat(64 * 1024)}`)).to.deep.equal([]);
      expect(Date.now() - start).to.be.below(1000);
    });

    it('thousands of failed addresses are cut at 100', () => {
      const report = Array.from({ length: 5000 }, (_, i) => `  user${i}@example.test`).join('\n');
      expect(textRecipients(report, NONE)).to.have.length(100);
    });
  });
});

import { expect } from 'chai';
import { senderAddressOf } from '../../../src/mail/sender-address';

const raw = (head: string): Buffer => Buffer.from(`${head}\r\n\r\nFrom: body@example.test\r\n`, 'latin1');

describe('the sender address read from raw header bytes', () => {
  it('takes the address in angle brackets after a display name, lower-cased', () => {
    expect(senderAddressOf(raw('Subject: x\r\nFrom: "Petrova, Anna" <Anna@Example.TEST>'))).to.equal('anna@example.test');
  });
  it('takes a bare address and a folded header line', () => {
    expect(senderAddressOf(raw('FROM:\r\n  anna@example.test (Anna)'))).to.equal('anna@example.test');
  });
  it('is null without a From header, and never reads the body', () => {
    expect(senderAddressOf(raw('Subject: no sender'))).to.equal(null);
  });
  it('is null for a From header without an address', () => {
    expect(senderAddressOf(raw('From: undisclosed'))).to.equal(null);
  });
});

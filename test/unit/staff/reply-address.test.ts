import { expect } from 'chai';
import { isOwnAddress, recipientsOf, replyAddress, tokenIn } from '../../../src/staff/reply-address';

const P = { base: 'complaints@example.test', separator: '+' };

describe('plus-addressing', () => {
  it('the reply address is the base address with the token as its detail part', () => {
    expect(replyAddress(P, 'c5-abc')).to.equal('complaints+c5-abc@example.test');
    expect(replyAddress({ ...P, separator: '-' }, 'c5-abc')).to.equal('complaints-c5-abc@example.test');
  });

  it('the token is read back from whichever recipient carries it, case-insensitively', () => {
    expect(tokenIn(['someone@example.test', 'Complaints+C5-ABC@Example.test'], P)).to.equal('c5-abc');
  });

  it('a plus-address of another mailbox or domain carries no token of ours', () => {
    expect(tokenIn(['sales+c5-abc@example.test', 'complaints+c5-abc@other.test', 'complaints@example.test'], P)).to.equal(null);
  });

  it('our own addresses are recognised with or without a detail part', () => {
    expect(isOwnAddress('complaints+c5-abc@example.test', ['complaints@example.test'], '+')).to.equal(true);
    expect(isOwnAddress('client1@example.test', ['complaints@example.test'], '+')).to.equal(false);
  });

  it('recipients include the delivery headers that keep a plus-address a Bcc hid', () => {
    const r = recipientsOf({
      to: [{ address: 'complaints@example.test', name: '' }],
      cc: [{ address: 'boss@client.test', name: '' }],
      headers: { 'delivered-to': ['complaints+c5-abc@example.test'], 'x-original-to': ['<complaints+c5-abc@example.test>'] },
    });
    expect(r).to.deep.equal(['complaints@example.test', 'boss@client.test', 'complaints+c5-abc@example.test']);
  });
});

import { expect } from 'chai';
import type { ParsedMessage } from '../../../src/mail/parsed-message';
import { isVerpDetail, verpReturnPath, verpTokenOf } from '../../../src/mail/verp';

function bounceTo(headers: Record<string, string>, to: string[] = []): ParsedMessage {
  return {
    messageId: 'b1@mx.example.test',
    contentHash: '0'.repeat(64),
    from: { address: 'mailer-daemon@mx.example.test', name: '' },
    replyTo: null,
    to: to.map((address) => ({ address, name: '' })),
    cc: [],
    subject: 'Undelivered Mail Returned to Sender',
    inReplyTo: [],
    references: [],
    date: null,
    text: '',
    html: null,
    charsets: [], repairs: [],
    headers: Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, [value]])),
    attachments: [],
    language: null,
  };
}

describe('return addresses that name the letter (VERP)', () => {
  it('the token goes into a plus tag of our return address', () => {
    expect(verpReturnPath('complaints@org.example.test', 'out-42.a1b2')).to.equal('complaints+bounce-out-42.a1b2@org.example.test');
  });

  it('a token that could break the address is refused', () => {
    expect(() => verpReturnPath('complaints@org.example.test', 'a@b')).to.throw(/VERP token/);
    expect(() => verpReturnPath('complaints@org.example.test', '')).to.throw(/VERP token/);
  });

  it("a bounce delivered to the tagged address gives the token back, from Delivered-To or the bounce's To", () => {
    expect(verpTokenOf(bounceTo({ 'delivered-to': 'Complaints+bounce-out-42@ORG.example.test' }), 'complaints@org.example.test')).to.equal('out-42');
    expect(verpTokenOf(bounceTo({}, ['complaints+bounce-out-7@org.example.test']), 'complaints@org.example.test')).to.equal('out-7');
  });

  it('a bounce to our plain address, another tag or another domain gives no token', () => {
    const base = 'complaints@org.example.test';
    expect(verpTokenOf(bounceTo({}, ['complaints@org.example.test']), base)).to.equal(null);
    expect(verpTokenOf(bounceTo({}, ['complaints+news@org.example.test']), base)).to.equal(null);
    expect(verpTokenOf(bounceTo({}, ['complaints+bounce-out-7@other.example.test']), base)).to.equal(null);
  });

  it('the plus detail of a VERP address is told from a reply token', () => {
    expect(isVerpDetail('bounce-acknowledgement.0123456789abcdef01')).to.equal(true);
    expect(isVerpDetail('c1.k2f9a')).to.equal(false);
  });
});

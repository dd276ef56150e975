import { expect } from 'chai';
import { envelopeSender, letterToken, messageIdOfToken } from '../../../src/outbox/return-path';
import { newMessageId } from '../../../src/outbox/compose';

describe('the envelope sender of our letters (VERP)', () => {
  it('a letter\'s MAIL FROM names it by the random part of its Message-ID, and the token leads back to that Message-ID', () => {
    const messageId = newMessageId('complaints@example.test', 'acknowledgement');
    const from = envelopeSender({ envelopeFrom: 'complaints@example.test', messageId }, true);
    const token = letterToken(messageId);
    expect(from).to.equal(`complaints+bounce-${token}@example.test`);
    expect(token).to.match(/^acknowledgement\.[0-9a-f]{18}$/);
    expect(messageIdOfToken(token as string, 'complaints@example.test')).to.equal(messageId);
  });

  it('with VERP off the envelope sender is the plain address', () => {
    expect(envelopeSender({ envelopeFrom: 'complaints@example.test', messageId: newMessageId('complaints@example.test', 'answer') }, false)).to.equal('complaints@example.test');
  });

  it('a Message-ID we did not make has no token, and its letter goes out from the plain address', () => {
    expect(letterToken('abc@client.example.test')).to.equal(null);
    expect(envelopeSender({ envelopeFrom: 'complaints@example.test', messageId: 'abc@client.example.test' }, true)).to.equal('complaints@example.test');
  });

  it('an address whose local part would pass 64 characters goes out plain rather than be refused', () => {
    const from = 'complaints-department-of-a-very-long-organisation-name@example.test';
    expect(envelopeSender({ envelopeFrom: from, messageId: newMessageId(from, 'department-notice') }, true)).to.equal(from);
  });
});

import { expect } from 'chai';
import { dedupeKeyOf } from '../../../src/cases/dedupe-key';

const from = { address: 'client1@example.test', name: '' };

describe('what counts as the same message', () => {
  it('the same Message-ID from the same sender is the same message', () => {
    expect(dedupeKeyOf({ messageId: 'a@x', from, contentHash: '1' })).to.equal(dedupeKeyOf({ messageId: 'a@x', from, contentHash: '2' }));
  });

  it('a Message-ID reused by another sender is a different message', () => {
    expect(dedupeKeyOf({ messageId: 'a@x', from, contentHash: '1' })).to.not.equal(dedupeKeyOf({ messageId: 'a@x', from: { address: 'other@example.test', name: '' }, contentHash: '1' }));
  });

  it('without a Message-ID only identical bytes are the same message', () => {
    expect(dedupeKeyOf({ messageId: null, from, contentHash: 'abc' })).to.equal('sha256:abc');
  });
});

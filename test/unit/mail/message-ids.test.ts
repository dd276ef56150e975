import { expect } from 'chai';
import { extractMessageIds } from '../../../src/mail/message-ids';

describe('reading Message-IDs from a header', () => {
  it('ids come out in order without their angle brackets', () => {
    expect(extractMessageIds('<a1@example.test>\r\n <b2@example.test> <c3@example.test>')).to.deep.equal(['a1@example.test', 'b2@example.test', 'c3@example.test']);
  });

  it('text around a bracketed id is ignored', () => {
    expect(extractMessageIds('Your message of "Mon, 1 May 2026" <a1@example.test>')).to.deep.equal(['a1@example.test']);
  });

  it('ids sent without brackets are still read, words without an @ are not', () => {
    expect(extractMessageIds('a1@example.test, b2@example.test')).to.deep.equal(['a1@example.test', 'b2@example.test']);
    expect(extractMessageIds('none')).to.deep.equal([]);
  });

  it('whitespace folded into an id is removed and empty brackets are skipped', () => {
    expect(extractMessageIds('<a1@ex\r\n ample.test> <>')).to.deep.equal(['a1@example.test']);
  });

  it('an id over 998 octets is dropped, counted in bytes, not characters', () => {
    expect(extractMessageIds(`<${'a'.repeat(985)}@example.test>`)).to.have.length(1);
    expect(extractMessageIds(`<${'я'.repeat(500)}@example.test>`)).to.deep.equal([]);
  });
});

import { expect } from 'chai';
import { describeHeld, splitSuppressed } from '../../../src/outbox/suppressed-recipients';

const NOW = new Date('2026-11-27T10:00:00Z');
const entry = { address: 'gone@example.test', until: new Date('2026-12-27T10:00:00Z'), reason: 'hard bounce: 5.1.1 no_such_user' };

describe('recipients on the suppression list', () => {
  it('a suppressed address is left out of the envelope and the rest are sent to', () => {
    const split = splitSuppressed(['gone@example.test', 'here@example.test'], [entry], NOW);
    expect(split.send).to.deep.equal(['here@example.test']);
    expect(describeHeld(split.held)).to.equal('gone@example.test is on the suppression list until 2026-12-27T10:00:00.000Z (hard bounce: 5.1.1 no_such_user)');
  });

  it('an expired entry no longer holds the address back', () => {
    expect(splitSuppressed(['gone@example.test'], [entry], new Date('2026-12-28T00:00:00Z')).send).to.deep.equal(['gone@example.test']);
  });

  it('addresses are compared without regard to case', () => {
    expect(splitSuppressed(['Gone@Example.test'], [entry], NOW).held.map((h) => h.address)).to.deep.equal(['Gone@Example.test']);
  });
});

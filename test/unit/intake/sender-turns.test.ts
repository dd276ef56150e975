import { expect } from 'chai';
import { inServingOrder } from '../../../src/intake/sender-turns';

describe('senders taking turns across groups', () => {
  const picked = [
    { id: 2, sender: 'flood@example.test', turn: 1 },
    { id: 201, sender: 'other@example.test', turn: 1 },
    { id: 3, sender: 'flood@example.test', turn: 2 },
  ];

  it('in a fresh pass the store\'s order stands: first turns by arrival', () => {
    expect(inServingOrder(picked, new Map())).to.deep.equal([2, 201, 3]);
  });

  it('a sender already served in this pass goes behind one who was not, though its row is older', () => {
    expect(inServingOrder(picked, new Map([['flood@example.test', 1]]))).to.deep.equal([201, 2, 3]);
  });
});

import { expect } from 'chai';
import { seededRandom, shuffleInPlace } from '../../../src/classifier/seeded-random';

describe('seeded random', () => {
  const range = () => Array.from({ length: 20 }, (_, i) => i);

  it('shuffles the same way for the same seed', () => {
    expect(shuffleInPlace(range(), seededRandom(42))).to.deep.equal(shuffleInPlace(range(), seededRandom(42)));
  });

  it('shuffles differently for another seed, keeping every item', () => {
    const a = shuffleInPlace(range(), seededRandom(42));
    const b = shuffleInPlace(range(), seededRandom(43));
    expect(a).to.not.deep.equal(b);
    expect([...b].sort((x, y) => x - y)).to.deep.equal(range());
  });

  it('draws numbers in [0, 1)', () => {
    const random = seededRandom(7);
    const draws = Array.from({ length: 1000 }, random);
    expect(draws.every((x) => x >= 0 && x < 1)).to.equal(true);
  });
});

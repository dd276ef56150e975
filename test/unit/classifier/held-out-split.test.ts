import { expect } from 'chai';
import { splitHeldOut } from '../../../src/classifier/held-out-split';

const examples = [...Array(50).fill('a'), ...Array(10).fill('b'), 'c', 'd', 'd'].map((label: string, i) => ({ label, text: `t${i}` }));

describe('held-out split', () => {
  it('holds out the share of every label, and never a label\'s only text', () => {
    const { train, heldOut } = splitHeldOut(examples, 0.2, 1);
    const count = (rows: typeof examples, label: string) => rows.filter((e) => e.label === label).length;
    expect([count(heldOut, 'a'), count(heldOut, 'b'), count(heldOut, 'c'), count(heldOut, 'd')]).to.deep.equal([10, 2, 0, 1]);
    expect(train.length + heldOut.length).to.equal(examples.length);
    expect(new Set([...train, ...heldOut].map((e) => e.text)).size).to.equal(examples.length);
  });

  it('gives the same split for the same seed and another for another seed', () => {
    const texts = (seed: number) => splitHeldOut(examples, 0.2, seed).heldOut.map((e) => e.text);
    expect(texts(1)).to.deep.equal(texts(1));
    expect(texts(2)).to.not.deep.equal(texts(1));
  });

  it('refuses a share outside (0, 1)', () => {
    expect(() => splitHeldOut(examples, 1, 1)).to.throw(RangeError);
    expect(() => splitHeldOut(examples, 0, 1)).to.throw(RangeError);
  });
});

import { expect } from 'chai';
import { GroupCommit } from '../../src/store/group-commit';

describe('group commit', () => {
  it('results added while a group is being written go out together in the next group', async () => {
    const groups: number[][] = [];
    let release: () => void = () => undefined;
    const first = new Promise<void>((r) => (release = r));
    const writer = new GroupCommit<number>(async (items) => {
      groups.push(items);
      if (groups.length === 1) await first;
    });
    const written = [writer.add(1), writer.add(2), writer.add(3), writer.add(4)];
    release();
    await Promise.all(written);
    expect(groups).to.deep.equal([[1], [2, 3, 4]]);
  });

  it('results that come one by one within the gathering time are written as one group', async () => {
    const groups: number[][] = [];
    const writer = new GroupCommit<number>(async (items) => void groups.push(items), 100, 40);
    const written = [writer.add(1)];
    for (const n of [2, 3]) {
      await new Promise((r) => setTimeout(r, 5));
      written.push(writer.add(n));
    }
    await Promise.all(written);
    expect(groups).to.deep.equal([[1, 2, 3]]);
  });

  it('a group is never larger than its limit', async () => {
    const groups: number[][] = [];
    const writer = new GroupCommit<number>(async (items) => void groups.push(items), 2);
    await Promise.all([1, 2, 3, 4, 5].map((n) => writer.add(n)));
    expect(groups.flat()).to.deep.equal([1, 2, 3, 4, 5]);
    expect(Math.max(...groups.map((g) => g.length))).to.equal(2);
  });

  it('a failed write fails every result of its group and none of the next', async () => {
    let calls = 0;
    const writer = new GroupCommit<number>(async () => {
      calls++;
      if (calls === 1) throw new Error('disk full');
    });
    const outcomes = await Promise.allSettled([writer.add(1), writer.add(2)]);
    expect(outcomes.map((o) => o.status)).to.deep.equal(['rejected', 'fulfilled']);
  });
});

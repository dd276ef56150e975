// The daemon bounds how far V8 lets the heap grow between full collections (src/daemon/heap-growth.ts).
// Measured in child processes: the flag is process-wide and would change this test runner's own heap.
import { expect } from 'chai';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const MODULE = path.resolve(__dirname, '../../../src/daemon/heap-growth.ts');

// 300,000 objects stay alive while ten million short-lived ones come and go; the young generation is
// kept at 1 MB so what is measured is the old generation's growth. Prints the largest heap seen, MB.
const churn = (bound: boolean): string => `
  ${bound ? `require(${JSON.stringify(MODULE)}).boundHeapGrowth();` : ''}
  const live = []; for (let i = 0; i < 300000; i++) live.push({ i, s: 'live' + i });
  let peak = 0, junk = [];
  for (let i = 0; i < 1e7; i++) {
    junk.push({ a: i, b: 'x' + i });
    if (junk.length > 100000) junk = [];
    if (i % 20000 === 0) peak = Math.max(peak, process.memoryUsage().heapTotal);
  }
  console.log(Math.round(peak / 1048576), live.length);`;

async function peakHeapMb(bound: boolean): Promise<number> {
  const { stdout } = await run(process.execPath, ['--max-semi-space-size=1', '-r', 'tsx/cjs', '-e', churn(bound)], { cwd: path.resolve(__dirname, '../../..') });
  return Number(stdout.trim().split(' ')[0]);
}

describe('the daemon\'s heap growth between full collections', () => {
  it('under a churn of short-lived objects the heap stays well below where V8 alone lets it grow', async function () {
    this.timeout(60_000);
    const [alone, bounded] = [await peakHeapMb(false), await peakHeapMb(true)];
    expect(bounded).to.be.greaterThan(0);
    expect(bounded).to.be.below(alone * 0.7);
  });
});

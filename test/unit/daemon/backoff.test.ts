import { expect } from 'chai';
import { backoffDelay, ReconnectBackoff } from '../../../src/daemon/backoff';

const policy = { initialMs: 1000, maxMs: 30000, jitter: 0.5, healthyAfterMs: 10000 };

describe('backoff', () => {
  it('doubles per attempt and stops at the cap', () => {
    const noJitter = { ...policy, jitter: 0 };
    expect([1, 2, 3, 4, 5, 6, 7].map((a) => backoffDelay(noJitter, a))).to.deep.equal([1000, 2000, 4000, 8000, 16000, 30000, 30000]);
  });

  it('jitter only ever shortens the delay, by at most its share', () => {
    expect(backoffDelay(policy, 3, () => 0)).to.equal(2000);
    expect(backoffDelay(policy, 3, () => 0.999999)).to.equal(4000);
  });

  it('a server that drops us right after login keeps the delay growing', () => {
    let now = 0;
    const b = new ReconnectBackoff({ ...policy, jitter: 0 }, () => now);
    const delays: number[] = [];
    for (let i = 0; i < 4; i++) {
      b.connected();
      now += 500;
      delays.push(b.nextDelay());
      now += delays[delays.length - 1] as number;
    }
    expect(delays).to.deep.equal([1000, 2000, 4000, 8000]);
  });

  it('the delay resets only after a connection stayed healthy', () => {
    let now = 0;
    const b = new ReconnectBackoff({ ...policy, jitter: 0 }, () => now);
    b.nextDelay();
    b.nextDelay();
    b.connected();
    now += 10000;
    expect(b.nextDelay()).to.equal(1000);
  });
});

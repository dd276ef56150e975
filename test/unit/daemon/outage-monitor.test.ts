import { expect } from 'chai';
import { OutageMonitor } from '../../../src/daemon/outage-monitor';

describe('the outage monitor', () => {
  it('an outage counts from its first failure, and only once it lasts the given minutes', () => {
    const m = new OutageMonitor();
    m.failed('mailbox', new Date('2026-12-01T10:00:00Z'));
    m.failed('mailbox', new Date('2026-12-01T10:05:00Z'));
    expect(m.longerThan(new Date('2026-12-01T10:14:00Z'), 15)).to.deep.equal([]);
    expect(m.longerThan(new Date('2026-12-01T10:15:00Z'), 15)).to.deep.equal([{ link: 'mailbox', since: new Date('2026-12-01T10:00:00Z') }]);
  });

  it('a recovery ends the outage', () => {
    const m = new OutageMonitor();
    m.failed('relay', new Date('2026-12-01T10:00:00Z'));
    m.recovered('relay');
    expect(m.longerThan(new Date('2026-12-01T11:00:00Z'), 15)).to.deep.equal([]);
  });
});

import { expect } from 'chai';
import { healthOf, readinessOf } from '../../../src/ops/health';
import { countedLogger } from '../../../src/ops/counted-logger';
import type { Logger } from '../../../src/log/logger';

const now = new Date('2026-03-02T10:00:00Z');
const ago = (s: number): Date => new Date(now.getTime() - s * 1000);

describe('health and readiness', () => {
  it('a mailbox down for less than the allowed time is still healthy', () => {
    expect(healthOf([{ link: 'mailbox', since: ago(299) }], now, 300)).to.deep.equal({ ok: true, down: [] });
  });

  it('a relay down for the allowed time or longer is unhealthy and named with since when', () => {
    expect(healthOf([{ link: 'mailbox', since: ago(10) }, { link: 'relay', since: ago(300) }], now, 300))
      .to.deep.equal({ ok: false, down: [{ link: 'relay', since: ago(300).toISOString() }] });
  });

  it('a daemon is ready only when it runs and its store answers', () => {
    expect(readinessOf(true, true).ok).to.equal(true);
    expect(readinessOf(false, true).ok).to.equal(false);
    expect(readinessOf(true, false)).to.deep.equal({ ok: false, running: true, store: false });
  });
});

describe('the logger hook for /metrics', () => {
  it('counts warnings and errors by event, also from child loggers, and passes every line on', () => {
    const lines: string[] = [];
    const base: Logger = {
      error: (e) => void lines.push(`error ${e}`), warn: (e) => void lines.push(`warn ${e}`), info: (e) => void lines.push(`info ${e}`), debug: () => undefined,
      child: () => base, close: async () => undefined,
    };
    const counted: string[] = [];
    const log = countedLogger(base, (level, event) => void counted.push(`${level} ${event}`));
    log.info('daemon.started');
    log.child({ component: 'intake' }).warn('intake.connection_failed');
    log.error('outbox.failed');
    expect(counted).to.deep.equal(['warn intake.connection_failed', 'error outbox.failed']);
    expect(lines).to.deep.equal(['info daemon.started', 'warn intake.connection_failed', 'error outbox.failed']);
  });
});

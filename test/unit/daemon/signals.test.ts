import { expect } from 'chai';
import { EventEmitter } from 'node:events';
import { installSignalHandlers, FORCED_EXIT_CODE } from '../../../src/daemon/signals';

function harness(shutdown: () => Promise<void>) {
  const emitter = new EventEmitter();
  const exits: number[] = [];
  const scheduled: Array<() => void> = [];
  let shutdowns = 0;
  let reloads = 0;
  installSignalHandlers({
    onSignal: (signal, handler) => emitter.on(signal, handler),
    shutdown: () => {
      shutdowns++;
      return shutdown();
    },
    exit: (code) => exits.push(code),
    schedule: (fn) => scheduled.push(fn),
    log: () => undefined,
    limitMs: 30_000,
    reload: () => void reloads++,
  });
  return { emitter, exits, scheduled, shutdowns: () => shutdowns, reloads: () => reloads };
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('signals', () => {
  it('SIGHUP reloads and neither shuts down nor exits', async () => {
    const h = harness(async () => undefined);
    h.emitter.emit('SIGHUP', 'SIGHUP');
    h.emitter.emit('SIGHUP', 'SIGHUP');
    await tick();
    expect(h.reloads()).to.equal(2);
    expect(h.shutdowns()).to.equal(0);
    expect(h.exits).to.deep.equal([]);
  });

  it('SIGHUP during shutdown does not reload', async () => {
    const h = harness(() => new Promise<void>(() => undefined));
    h.emitter.emit('SIGTERM', 'SIGTERM');
    h.emitter.emit('SIGHUP', 'SIGHUP');
    await tick();
    expect(h.reloads()).to.equal(0);
  });

  it('the first SIGTERM shuts down in order and exits 0 when done', async () => {
    const h = harness(async () => undefined);
    h.emitter.emit('SIGTERM', 'SIGTERM');
    await tick();
    expect(h.shutdowns()).to.equal(1);
    expect(h.exits).to.deep.equal([0]);
  });

  it('a second signal during shutdown exits at once without starting another shutdown', async () => {
    const h = harness(() => new Promise<void>(() => undefined));
    h.emitter.emit('SIGINT', 'SIGINT');
    h.emitter.emit('SIGINT', 'SIGINT');
    await tick();
    expect(h.shutdowns()).to.equal(1);
    expect(h.exits).to.deep.equal([FORCED_EXIT_CODE]);
  });

  it('a shutdown that hangs past the limit ends the process with an error code', async () => {
    const h = harness(() => new Promise<void>(() => undefined));
    h.emitter.emit('SIGTERM', 'SIGTERM');
    expect(h.exits).to.deep.equal([]);
    h.scheduled[0]?.();
    expect(h.exits).to.deep.equal([1]);
  });
});

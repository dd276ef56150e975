// Runs the real outbox sender over a store until nothing is left to send, with a transport that
// takes every letter: what store tests need to see which letters went out and which were held.
import type { Knex } from 'knex';
import { PassThrough } from 'node:stream';
import { OutboxSender } from '../../src/outbox/sender';
import { createLogger } from '../../src/log/logger';
import { waitFor } from './mailstack';

export interface HandedOver {
  from: string;
  to: string[];
  raw: Buffer;
}

const quiet = createLogger({ level: 'error', format: 'json', maskPersonalData: true, stream: new PassThrough() });

export async function drainOutbox(db: Knex, clock: () => Date): Promise<HandedOver[]> {
  const handed: HandedOver[] = [];
  const sender = new OutboxSender({
    db, log: quiet, clock, owner: 'test@host', retry: { maxAttempts: 3, initialMs: 60_000, maxMs: 600_000 }, concurrency: 2, claimMs: 300_000,
    journal: { address: null, graceMs: 120_000 }, verp: true, pollIntervalMs: 10,
    transport: { send: async (letter) => { handed.push(letter); return { response: '250 2.0.0 Ok', rejected: [] }; }, close: () => undefined },
  });
  sender.start();
  try {
    await waitFor(async () => {
      const left = (await db('outbox').whereIn('status', ['queued', 'sending']).count({ n: '*' }).first()) as { n: number };
      return Number(left.n) === 0;
    }, { what: 'the outbox drained', timeoutMs: 5000, intervalMs: 10 });
  } finally {
    await sender.stop();
  }
  return handed;
}

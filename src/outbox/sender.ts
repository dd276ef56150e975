// Drains the outbox: takes due letters, sends them, records the result. Transient failures wait
// with backoff; permanent ones (5xx) and letters out of attempts are marked failed with the reply.
import type { Knex } from 'knex';
import type { Logger } from '../log/logger';
import { backoffDelay } from '../daemon/backoff';
import { claimDue, markFailed, markRetry, markSent, type OutboxRow } from '../store/outbox-repo';
import { addHistory } from '../store/history-repo';
import { classifyDeliveryError, type SmtpErrorLike } from './delivery-error';
import type { Transport } from './transport';

export interface SenderDeps {
  db: Knex;
  transport: Transport;
  log: Logger;
  clock: () => Date;
  retry: { maxAttempts: number; initialMs: number; maxMs: number };
}

/** Sends every letter due now, one at a time; returns how many were handled. */
export async function sendDue(deps: SenderDeps, shouldStop: () => boolean): Promise<number> {
  let handled = 0;
  while (!shouldStop()) {
    const batch = await claimDue(deps.db, deps.clock().toISOString(), 10);
    if (batch.length === 0) break;
    for (const letter of batch) {
      // A claimed letter is always finished: stopping between claim and send would leave it in
      // "sending" until the next start.
      await sendOne(deps, letter);
      handled++;
    }
  }
  return handled;
}

async function sendOne(deps: SenderDeps, letter: OutboxRow): Promise<void> {
  const log = deps.log.child({ component: 'sender', outbox: letter.id, kind: letter.kind });
  try {
    const response = await deps.transport.send({ from: letter.envelopeFrom, to: letter.envelopeTo, raw: letter.raw });
    const at = deps.clock().toISOString();
    await deps.db.transaction(async (trx) => {
      await markSent(trx, letter.id, response, at);
      if (letter.caseId !== null) await addHistory(trx, letter.caseId, at, { event: `${letter.kind}_sent`, actor: 'daemon', reason: `${letter.kind.replace('_', ' ')} delivered to ${letter.envelopeTo.join(', ')}: ${response}` });
    });
    log.info('outbox.sent', { to: letter.envelopeTo, response });
  } catch (err) {
    const verdict = classifyDeliveryError(err as SmtpErrorLike);
    const at = deps.clock();
    if (verdict.kind === 'permanent' || letter.attempts >= deps.retry.maxAttempts) {
      const why = verdict.kind === 'permanent' ? `permanent failure: ${verdict.summary}` : `gave up after ${letter.attempts} attempts: ${verdict.summary}`;
      await deps.db.transaction(async (trx) => {
        await markFailed(trx, letter.id, why);
        if (letter.caseId !== null) await addHistory(trx, letter.caseId, at.toISOString(), { event: `${letter.kind}_failed`, actor: 'daemon', reason: why });
      });
      log.error('outbox.failed', { to: letter.envelopeTo, error: why });
    } else {
      const next = new Date(at.getTime() + backoffDelay({ ...deps.retry, jitter: 0.2 }, letter.attempts));
      await markRetry(deps.db, letter.id, verdict.summary, next.toISOString());
      log.warn('outbox.retry_scheduled', { to: letter.envelopeTo, attempt: letter.attempts, next: next.toISOString(), error: verdict.summary });
    }
  }
}

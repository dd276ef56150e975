// The processor's pass over the inbound ledger: pending rows in group commits, senders taking
// turns, a failing message retried on later passes and then quarantined. What happens to each one
// is processInbound's (pipeline.ts).
import { alertQuarantine } from './alerts/quarantine-alert';
import { inServingOrder } from './intake/sender-turns';
import { processInbound, type PipelineDeps } from './pipeline';
import { countFailedAttempt, findInbound, markInbound, pendingInboundTurns, type InboundRow } from './store/inbound-repo';
import { isStoreUnavailable } from './store/store-errors';

/**
 * Processes pending ledger rows in arrival order until none are left or `shouldStop` says so.
 * `onCommitted` is told after each group is durable, so its letters can go out while the next is processed.
 */
export async function processPending(deps: PipelineDeps, shouldStop: () => boolean, onCommitted: () => void = () => undefined): Promise<number> {
  let done = 0;
  const served = new Map<string, number>();
  while (!shouldStop()) {
    // Ids only: each message's bytes are loaded when its turn comes, so twenty pending 25 MB
    // messages are not all in memory at once.
    const picked = await pendingInboundTurns(deps.db, 20);
    if (picked.length === 0) break;
    const group = await processGroup(deps, inServingOrder(picked, served), shouldStop);
    for (const sender of group.senders) served.set(sender, (served.get(sender) ?? 0) + 1);
    done += group.done;
    if (group.done > 0) onCommitted();
    // After an unexpected failure the pass ends, so the retry comes on the next tick rather than
    // in a tight loop that would use up the attempts of a passing hiccup at once.
    if (group.failed || shouldStop()) return done;
    // Only rows waiting behind another instance's work: the next tick, not a busy loop.
    if (group.done === 0 && group.deferred > 0) return done;
  }
  return done;
}

// Group commit: a group of rows shares one transaction, so a flood costs one disk sync per group
// instead of one per message. Each message runs in a savepoint of its own, so in effect it stays
// all-or-nothing: a failing one leaves nothing of itself, and the others of its group stand. The
// group is bounded in rows and time: its letters wait for its commit, and intake and the sender
// wait for the store while it holds it. A message takes 10 to 20 ms, so a group under a flood is five
// to ten messages: one sync (about 1.3 ms, on the daemon's one thread) per group, not per message.
const GROUP_MS = 100;

async function processGroup(deps: PipelineDeps, ids: number[], shouldStop: () => boolean): Promise<{ done: number; failed: boolean; deferred: number; senders: string[] }> {
  const logs: Array<() => void> = [];
  const senders: string[] = [];
  let failed = false;
  let deferred = 0;
  const started = Date.now();
  await deps.db.transaction(async (trx) => {
    for (const id of ids) {
      if (logs.length > 0 && (shouldStop() || Date.now() - started > GROUP_MS)) break;
      const row = await findInbound(trx, id);
      if (!row || row.status !== 'pending') continue;
      const result = await processOneSafely({ ...deps, db: trx }, row);
      logs.push(result.log);
      senders.push(row.sender ?? '');
      if (result.deferred) deferred++;
      if (!result.ok) {
        failed = true;
        break;
      }
    }
  });
  // Told only once the group is durable: a log line never claims work a failed commit undid.
  for (const log of logs) log();
  return { done: (failed ? logs.length - 1 : logs.length) - deferred, failed, deferred, senders };
}

async function processOneSafely(deps: PipelineDeps, row: InboundRow): Promise<{ ok: boolean; deferred?: boolean; log: () => void }> {
  const log = deps.log.child({ component: 'pipeline', inbound: row.id, uid: row.uid });
  try {
    // processInbound writes only inside transactions of its own: within the group, savepoints.
    const outcome = await processInbound(deps, row);
    return { ok: true, deferred: outcome.status === 'deferred', log: () => log.info(`inbound.${outcome.status}`, { case: outcome.caseNumber, reason: outcome.reason }) };
  } catch (err) {
    // The database went away: the transaction left nothing behind, and the processor loop logs and
    // tries again; the message is not to blame, so it loses no attempt.
    if (isStoreUnavailable(err)) throw err;
    // Not the message's fault as far as we know (a bug, a database hiccup): retry it a few times,
    // then quarantine, so one poisonous letter cannot stop the mailbox.
    const message = (err as Error).message;
    const attempts = await countFailedAttempt(deps.db, row.id, message);
    if (attempts >= deps.maxAttempts) {
      await markInbound(deps.db, row.id, 'quarantined', `processing failed ${attempts} times: ${message}`, null, deps.clock().toISOString());
      await alertQuarantine(deps.db, deps, row, `processing failed ${attempts} times: ${message}`, deps.clock());
      return { ok: false, log: () => log.error('inbound.quarantined_after_errors', { attempts, error: message }) };
    }
    return { ok: false, log: () => log.warn('inbound.processing_failed', { attempts, error: message }) };
  }
}

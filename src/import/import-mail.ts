// Registers historic mail through the very pipeline live mail takes (ledger row -> planInbound ->
// applyPlan), with the desk in backfill mode so no letter is sent. Each message's ledger row and its
// processing are one transaction: a running daemon never sees it pending (and would answer it), and
// a failure leaves nothing, so running the import again retries just that message. A message whose
// Message-ID (or content hash) is in the ledger already is a duplicate and adds nothing.
import { performance } from 'node:perf_hooks';
import type { PipelineDeps } from '../pipeline';
import { planInbound, processInbound } from '../pipeline';
import { parseMessage } from '../mail/parse';
import { UnparseableMessageError } from '../mail/errors';
import { isMessageKeyKnown, recordImported } from '../store/inbound-repo';
import { messageKeyOf, type SourceMessage } from './mail-sources';

export const BACKFILL_REASON = 'historic mail registered by complaintd import: never sent';

export interface ImportSummary {
  read: number;
  registered: number;
  followUps: number;
  automated: number;
  bounces: number;
  quarantined: number;
  duplicates: number;
  /** Failed unexpectedly and left out (nothing written): the next run tries them again. */
  errors: Array<{ origin: string; error: string }>;
  ms: number;
}

type Counted = 'registered' | 'followUps' | 'automated' | 'bounces' | 'quarantined' | 'duplicates';

const COUNTER: Record<string, Counted> = {
  registered: 'registered', follow_up: 'followUps', automated: 'automated', bounce: 'bounces', quarantined: 'quarantined', duplicate: 'duplicates', own_copy: 'duplicates',
};

/** The pipeline's dependencies with every letter withheld and no reminder planned. */
export function backfillDeps(deps: PipelineDeps): PipelineDeps {
  return { ...deps, desk: { ...deps.desk, backfill: BACKFILL_REASON } };
}

export async function importMessages(deps: PipelineDeps, messages: readonly SourceMessage[], o: { dryRun: boolean; onProgress?(done: number): void }): Promise<ImportSummary> {
  const started = performance.now();
  const summary: ImportSummary = { read: 0, registered: 0, followUps: 0, automated: 0, bounces: 0, quarantined: 0, duplicates: 0, errors: [], ms: 0 };
  const quiet = backfillDeps(deps);
  // Oldest first, each at the time it arrived: a reply finds the case its original made, and
  // threading windows, histories and deadlines are those of the time, not of the import.
  const ordered = [...messages].sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime());
  for (const m of ordered) {
    summary.read++;
    const atArrival = { ...quiet, clock: () => m.receivedAt };
    try {
      const outcome = o.dryRun ? await judge(atArrival, m) : await register(atArrival, m, deps.clock());
      const counter = COUNTER[outcome];
      if (counter) summary[counter]++;
    } catch (err) {
      summary.errors.push({ origin: m.origin, error: (err as Error).message });
    }
    o.onProgress?.(summary.read);
  }
  summary.ms = Math.round(performance.now() - started);
  return summary;
}

async function register(deps: PipelineDeps, m: SourceMessage, now: Date): Promise<string> {
  const messageKey = messageKeyOf(m.raw);
  if (await isMessageKeyKnown(deps.db, messageKey)) return 'duplicate';
  return deps.db.transaction(async (trx) => {
    const row = await recordImported(trx, { messageKey, raw: m.raw, receivedAt: m.receivedAt.toISOString() }, now.toISOString());
    const outcome = await processInbound({ ...deps, db: trx }, row);
    // Left pending, the row would be the daemon's to process, with letters sent: an earlier message
    // of the same sender still waits in the daemon's ledger, so this one is left out for the next run.
    if (outcome.status === 'deferred') throw new Error(`not imported now: ${outcome.reason}; run the import again once the daemon has processed it`);
    return outcome.status;
  });
}

/** What the import would do, judged against the store as it is (so two letters of one new thread both read as new cases). */
async function judge(deps: PipelineDeps, m: SourceMessage): Promise<string> {
  if (await isMessageKeyKnown(deps.db, messageKeyOf(m.raw))) return 'duplicate';
  try {
    const parsed = await parseMessage(m.raw, deps.limits);
    return (await planInbound(deps.db, deps, parsed, deps.clock(), m.raw)).outcome;
  } catch (err) {
    if (err instanceof UnparseableMessageError) return 'quarantined';
    throw err;
  }
}

// Drains the outbox with several letters in flight, as many as the SMTP pool has room for, and
// records each result. Every letter also goes to our journal address in the same SMTP transaction:
// the copy that comes back proves the server took it, so a send cut off by a crash is re-sent only
// when no copy arrives. Transient failures wait with backoff; permanent ones fail with the reply.
// An address on the suppression list is never written to: a letter with nobody else left is marked
// suppressed, with the entry's reason and expiry, on its row and its case.
import type { Knex } from 'knex';
import type { Logger } from '../log/logger';
import { backoffDelay } from '../daemon/backoff';
import { BackgroundLoop } from '../daemon/background-loop';
import { claimDue, interruptedLetters, markFailed, markRetry, markSent, markSuppressed, requeueInterrupted, adoptFormerClaims, type OutboxRow } from '../store/outbox-repo';
import { addHistory } from '../store/history-repo';
import { firstFetchedAt } from '../store/inbound-repo';
import { activeSuppressions, type SuppressionRow } from '../store/suppression-repo';
import { describeHeld, splitSuppressed } from './suppressed-recipients';
import { envelopeSender } from './return-path';
import { classifyDeliveryError, type SmtpErrorLike } from './delivery-error';
import { decideInterrupted } from './interrupted-letter';
import type { Transport } from './transport';
import { GroupCommit } from '../store/group-commit';

export interface SenderDeps {
  db: Knex;
  transport: Transport;
  log: Logger;
  clock: () => Date;
  /** This instance's stable name in claims, so after a restart it knows its own interrupted sends. */
  owner: string;
  retry: { maxAttempts: number; initialMs: number; maxMs: number };
  /** Letters in flight at once. */
  concurrency: number;
  /** A claim older than this belongs to an instance that died. */
  claimMs: number;
  journal: { address: string | null; graceMs: number };
  /** MAIL FROM names the letter (complaints+bounce-<token>@), so its bounce finds it. */
  verp: boolean;
  pollIntervalMs: number;
  /** Told when the relay answers (any SMTP reply) or cannot be reached at all. */
  onReachable?(reachable: boolean): void;
}

const RECONCILE_EVERY_MS = 2000;
// Long enough to gather the replies of every connection of the pool, short beside a letter's trip.
const RECORD_GATHER_MS = 20;

interface Accepted {
  letter: OutboxRow;
  recipients: string[];
  response: string;
  at: string;
}

export class OutboxSender extends BackgroundLoop {
  private readonly inFlight = new Set<Promise<void>>();
  private lastReconcile = 0;
  // Accepted letters are recorded together: under a flood one transaction (one disk sync) covers
  // every letter the relay took in the last RECORD_GATHER_MS. A letter whose record is lost to a
  // crash is still "sending", and its journal copy settles it as for any send cut off before its record.
  private readonly accepted: GroupCommit<Accepted>;

  constructor(private readonly deps: SenderDeps) {
    super();
    this.accepted = new GroupCommit((group) => recordAccepted(deps.db, group), 100, RECORD_GATHER_MS);
  }

  protected async run(): Promise<void> {
    const log = this.deps.log.child({ component: 'sender' });
    // Whatever this instance had in hand when it last stopped is interrupted by definition.
    const adopted = await adoptFormerClaims(this.deps.db, this.deps.owner, this.deps.clock().toISOString());
    if (adopted > 0) log.warn('outbox.interrupted_found', { count: adopted });
    while (!this.stopping) {
      try {
        await this.reconcileIfDue();
        await this.fill();
      } catch (err) {
        // A database hiccup: try again on the next tick rather than end the loop.
        log.error('sender.step_failed', { error: (err as Error).message });
      }
      if (!this.stopping) await this.wakeup.wait(this.deps.pollIntervalMs);
    }
    // Sends in flight finish and are recorded; nothing new is claimed.
    await Promise.allSettled([...this.inFlight]);
  }

  private async fill(): Promise<void> {
    const free = this.deps.concurrency - this.inFlight.size;
    // Claims are taken in groups (one transaction each) once half the slots are free: the letters
    // still in flight keep the SMTP connections busy meanwhile.
    if (free <= 0 || (this.inFlight.size > 0 && free < Math.ceil(this.deps.concurrency / 2))) return;
    const now = this.deps.clock();
    // The suppression list for the whole group is read with its claim: under a flood the store is
    // busy, and each round trip a letter waits for is time its SMTP connection idles.
    const { letters, suppressions } = await this.deps.db.transaction(async (trx) => {
      const claimed = await claimDue(trx, { now: now.toISOString(), owner: this.deps.owner, claimedUntil: new Date(now.getTime() + this.deps.claimMs).toISOString(), limit: free });
      return { letters: claimed, suppressions: await activeSuppressions(trx, [...new Set(claimed.flatMap((l) => l.envelopeTo))], now) };
    });
    for (const letter of letters) {
      const sending: Promise<void> = sendOne(this.deps, letter, suppressions, (a) => this.accepted.add(a))
        .catch((err: unknown) => this.deps.log.error('outbox.record_failed', { outbox: letter.id, error: (err as Error).message }))
        .finally(() => {
          this.inFlight.delete(sending);
          this.wakeup.wake();
        });
      this.inFlight.add(sending);
    }
  }

  private async reconcileIfDue(): Promise<void> {
    const now = this.deps.clock();
    if (now.getTime() - this.lastReconcile < RECONCILE_EVERY_MS) return;
    this.lastReconcile = now.getTime();
    await reconcileInterrupted(this.deps, now);
  }
}

/** Settles letters whose send was cut off: sent (the journal copy came), wait for the copy, or send again. */
export async function reconcileInterrupted(deps: Pick<SenderDeps, 'db' | 'log' | 'journal'>, now: Date): Promise<number> {
  let settled = 0;
  for (const letter of await interruptedLetters(deps.db, now.toISOString(), 100)) {
    // Its copy may be fetched but not yet processed (a backlog after a restart): that is proof too.
    const confirmedAt = letter.confirmedAt ?? (deps.journal.address !== null ? await firstFetchedAt(deps.db, letter.messageId) : null);
    const verdict = decideInterrupted({ ...letter, confirmedAt }, { now, journal: deps.journal.address !== null, graceMs: deps.journal.graceMs });
    if (verdict.action === 'wait') continue;
    const at = now.toISOString();
    await deps.db.transaction(async (trx) => {
      if (verdict.action === 'mark_sent') await markSent(trx, letter.id, 'accepted (confirmed by its journal copy)', at);
      else if (!(await requeueInterrupted(trx, letter.id, at))) return;
      if (letter.caseId !== null) await addHistory(trx, letter.caseId, at, { event: verdict.action === 'mark_sent' ? `${letter.kind}_sent` : `${letter.kind}_resent`, actor: 'daemon', reason: verdict.reason });
    });
    deps.log.warn(verdict.action === 'mark_sent' ? 'outbox.interrupted_was_sent' : 'outbox.interrupted_resent', { outbox: letter.id, kind: letter.kind });
    settled++;
  }
  return settled;
}

async function recordAccepted(db: Knex, group: Accepted[]): Promise<void> {
  await db.transaction(async (trx) => {
    // In id order, as intake confirms journal copies (one row at a time, in id order): on
    // PostgreSQL two transactions that lock the same letters in different orders deadlock.
    for (const { letter, recipients, response, at } of [...group].sort((a, b) => a.letter.id - b.letter.id)) {
      await markSent(trx, letter.id, response, at);
      if (letter.caseId !== null) await addHistory(trx, letter.caseId, at, { event: `${letter.kind}_sent`, actor: 'daemon', reason: `${letter.kind.replace(/_/g, ' ')} delivered to ${recipients.join(', ')}: ${response}` });
    }
  });
}

async function sendOne(deps: SenderDeps, letter: OutboxRow, suppressions: readonly SuppressionRow[], record: (accepted: Accepted) => Promise<void>): Promise<void> {
  const log = deps.log.child({ component: 'sender', outbox: letter.id, kind: letter.kind });
  const recipients = await unsuppressedRecipients(deps, letter, suppressions);
  if (recipients.length === 0) return;
  const to = deps.journal.address ? [...recipients, deps.journal.address] : recipients;
  let failure: SmtpErrorLike | null = null;
  let response = '';
  try {
    const result = await deps.transport.send({ from: envelopeSender(letter, deps.verp), to, raw: letter.raw });
    response = result.response;
    // The server took the message for the journal but refused every real recipient: not delivered.
    const refused = result.rejected.filter((r) => recipients.includes(r.address.toLowerCase()));
    if (refused.length === recipients.length) failure = refused[0]?.error ?? { message: 'recipient refused' };
  } catch (err) {
    failure = err as SmtpErrorLike;
  }
  const at = deps.clock();
  // Any SMTP reply, even a refusal, means the relay is there; no reply code means it is not.
  deps.onReachable?.(failure === null || typeof failure.responseCode === 'number');
  if (failure === null) {
    await record({ letter, recipients, response, at: at.toISOString() });
    log.info('outbox.sent', { to: recipients, response });
    return;
  }
  const verdict = classifyDeliveryError(failure);
  if (verdict.kind === 'permanent' || letter.attempts >= deps.retry.maxAttempts) {
    const why = verdict.kind === 'permanent' ? `permanent failure: ${verdict.summary}` : `gave up after ${letter.attempts} attempts: ${verdict.summary}`;
    await deps.db.transaction(async (trx) => {
      await markFailed(trx, letter.id, why);
      if (letter.caseId !== null) await addHistory(trx, letter.caseId, at.toISOString(), { event: `${letter.kind}_failed`, actor: 'daemon', reason: why });
    });
    log.error('outbox.failed', { to: letter.envelopeTo, error: why });
    return;
  }
  const next = new Date(at.getTime() + backoffDelay({ ...deps.retry, jitter: 0.2 }, letter.attempts));
  await markRetry(deps.db, letter.id, verdict.summary, next.toISOString());
  log.warn('outbox.retry_scheduled', { to: letter.envelopeTo, attempt: letter.attempts, next: next.toISOString(), error: verdict.summary });
}

/**
 * The letter's recipients not on the suppression list. When none is left the letter is marked
 * suppressed (final: it is not sent later when the entry goes) and its case says why.
 */
async function unsuppressedRecipients(deps: SenderDeps, letter: OutboxRow, suppressions: readonly SuppressionRow[]): Promise<string[]> {
  const now = deps.clock();
  const { send, held } = splitSuppressed(letter.envelopeTo, suppressions, now);
  if (held.length === 0) return send;
  const why = describeHeld(held);
  if (send.length > 0) {
    if (letter.caseId !== null) await addHistory(deps.db, letter.caseId, now.toISOString(), { event: `${letter.kind}_recipient_suppressed`, actor: 'daemon', reason: `not sent to ${held.map((h) => h.address).join(', ')}: ${why}` });
    return send;
  }
  await deps.db.transaction(async (trx) => {
    await markSuppressed(trx, letter.id, `suppressed: ${why}`);
    if (letter.caseId !== null) await addHistory(trx, letter.caseId, now.toISOString(), { event: `${letter.kind}_suppressed`, actor: 'daemon', reason: `${letter.kind.replace(/_/g, ' ')} not sent: ${why}` });
  });
  deps.log.warn('outbox.suppressed', { outbox: letter.id, kind: letter.kind, to: letter.envelopeTo });
  return [];
}

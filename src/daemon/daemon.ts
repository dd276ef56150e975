// The running daemon: intake fills the ledger, the processor turns ledger rows into cases and
// outbox letters, the sender drains the outbox. Stopping is ordered and idempotent: intake first,
// then the message in hand, then the send in flight; the store is closed by the owner.
import type { Knex } from 'knex';
import type { ImapFlow } from 'imapflow';
import type { AppConfig } from '../config/schema';
import type { Logger } from '../log/logger';
import { IntakeLoop } from '../intake/intake-loop';
import { processPending, type PipelineDeps } from '../pipeline';
import { OutboxSender } from '../outbox/sender';
import type { Transport } from '../outbox/transport';
import { WorkerLoop } from './worker-loop';
import { runDueJobs, type JobHandler } from '../deadlines/scheduler';
import { OutageMonitor } from './outage-monitor';
import { raiseAlert } from '../alerts/raise-alert';
import { ensureDigestsScheduled } from '../digests/digests';

export interface DaemonDeps {
  config: AppConfig;
  db: Knex;
  log: Logger;
  clock: () => Date;
  pipeline: PipelineDeps;
  transport: Transport;
  createImapClient(): ImapFlow;
  /** This instance's stable name in claims (outbox, jobs). */
  owner: string;
  /** What each kind of scheduled job does. */
  jobHandlers: Readonly<Record<string, JobHandler>>;
  /** Retrains the classifier when its policy says it is due (new staff labels, or its period). */
  retrain?: () => Promise<unknown>;
}

export class Daemon {
  private readonly intake: IntakeLoop;
  private readonly processor: WorkerLoop;
  private readonly sender: OutboxSender;
  private readonly scheduler: WorkerLoop;
  private readonly watchdog: WorkerLoop;
  private readonly retrainer: WorkerLoop;
  readonly outages = new OutageMonitor();
  private stopped: Promise<void> | null = null;

  constructor(private readonly deps: DaemonDeps) {
    const { config, db, log, clock } = deps;
    const { smtp } = config;
    // Several letters per SMTP connection in hand: under a flood the sender gets the store between
    // the processor's groups, so each claim must bring enough to keep every connection busy until
    // the next; letters beyond the pool's connections wait in its queue, claimed.
    this.sender = new OutboxSender({
      db, transport: deps.transport, log, clock, owner: deps.owner, retry: smtp.retry, concurrency: 8 * smtp.maxConnections, claimMs: smtp.claimTimeoutMs, verp: config.mail.verp,
      journal: { address: smtp.journal.enabled ? smtp.journal.address || smtp.fromAddress : null, graceMs: smtp.journal.graceSeconds * 1000 }, pollIntervalMs: smtp.pollIntervalMs,
      onReachable: (ok) => (ok ? this.outages.recovered('relay') : this.outages.failed('relay', clock())),
    });
    this.watchdog = new WorkerLoop('watchdog', 60_000, () => this.alertOutages(), log);
    // The retrain policy decides; asking it hourly is enough for "after N labels" and "every 7 days".
    this.retrainer = new WorkerLoop('retrainer', 3_600_000, async () => {
      await deps.retrain?.();
      return 0;
    }, log);
    this.scheduler = new WorkerLoop('scheduler', config.scheduler.pollIntervalMs, (shouldStop) => runDueJobs({
      db, log, clock, owner: deps.owner, handlers: deps.jobHandlers, claimMs: config.scheduler.claimTimeoutMs, maxAttempts: 5,
    }, shouldStop), log, () => this.sender.poke());
    // Each committed group's letters go out while the next group is processed, and its mail is moved.
    this.processor = new WorkerLoop('processor', 1000, (shouldStop) => processPending(deps.pipeline, shouldStop, () => {
      this.sender.poke();
      this.intake.poke();
    }), log, () => this.scheduler.poke());
    this.intake = new IntakeLoop({
      imap: config.imap, db, log, clock, createClient: deps.createImapClient, onFetched: () => this.processor.poke(),
      onReachable: (ok) => (ok ? this.outages.recovered('mailbox') : this.outages.failed('mailbox', clock())),
    });
  }

  async start(): Promise<void> {
    await ensureDigestsScheduled(this.deps.db, this.deps.pipeline.desk, this.deps.clock());
    this.sender.start();
    this.scheduler.start();
    this.watchdog.start();
    this.retrainer.start();
    this.processor.start();
    this.intake.start();
    this.deps.log.info('daemon.started', { instance: this.deps.config.instance.name });
  }

  /** An outage longer than alerts.unreachableMinutes is told once (per outage, by when it began). */
  private async alertOutages(): Promise<number> {
    const { desk } = this.deps.pipeline;
    let told = 0;
    for (const o of this.outages.longerThan(this.deps.clock(), desk.alerts.unreachableMinutes)) {
      const what = o.link === 'mailbox' ? 'the complaints mailbox (IMAP)' : 'the SMTP relay';
      const ok = await raiseAlert(this.deps.db, desk, {
        kind: 'unreachable', rule: `${o.link} unreachable for ${desk.alerts.unreachableMinutes}+ minutes`, dedupe: `unreachable:${o.link}:${o.since.toISOString()}`,
        reason: `${what} has been unreachable since ${o.since.toISOString()}`,
        whatToDo: o.link === 'mailbox' ? 'Complaints are not being taken in: check the mail server and the daemon\'s IMAP settings; nothing is lost, mail waits on the server.' : 'Letters are waiting in the outbox: check the relay and the SMTP settings; they go out by themselves once it answers.',
      }, null, this.deps.clock());
      if (ok) told++;
    }
    return told;
  }

  /** Safe to call more than once; every call waits for the same shutdown. */
  stop(): Promise<void> {
    this.stopped ??= (async () => {
      this.deps.log.info('daemon.stopping');
      // Both told at once: the processor finishes the message in hand and takes no new one while
      // intake logs out, which may take a while (rows left pending are simply next start's work).
      await Promise.all([this.intake.stop(), this.processor.stop()]);
      await this.scheduler.stop();
      await this.watchdog.stop();
      await this.retrainer.stop();
      await this.sender.stop();
      this.deps.transport.close();
      this.deps.log.info('daemon.stopped');
    })();
    return this.stopped;
  }
}

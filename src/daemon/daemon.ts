// The running daemon: intake fills the ledger, the processor turns ledger rows into cases and
// outbox letters, the sender drains the outbox. Stopping is ordered and idempotent: intake first,
// then the message in hand, then the send in flight; the store is closed by the owner.
import type { Knex } from 'knex';
import type { ImapFlow } from 'imapflow';
import type { AppConfig } from '../config/schema';
import type { Logger } from '../log/logger';
import { IntakeLoop } from '../intake/intake-loop';
import type { PipelineDeps } from '../pipeline';
import { processPending } from '../process-pending';
import { OutboxSender } from '../outbox/sender';
import type { Transport } from '../outbox/transport';
import { WorkerLoop } from './worker-loop';
import { runDueJobs, type JobHandler } from '../deadlines/scheduler';
import { OutageMonitor } from './outage-monitor';
import { raiseAlert } from '../alerts/raise-alert';
import { ensureDigestsScheduled } from '../digests/digests';
import { LeasedIntake } from '../leases/leased-intake';
import { intakeMailboxes, leaseName } from '../leases/intake-mailboxes';
import { ensureKpiLetterScheduled } from '../reports/kpi-letter';
import { ensureRetentionScheduled } from '../privacy/retention-run';

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

/** What a config reload replaces, as one object so every batch of work sees one whole set. */
export interface LiveSet {
  pipeline: PipelineDeps;
  jobHandlers: Readonly<Record<string, JobHandler>>;
}

export class Daemon {
  private live: LiveSet;
  /** One per intake folder; each reads its folder only while this instance holds its lease. */
  private readonly intakes: LeasedIntake[];
  private readonly processor: WorkerLoop;
  private readonly sender: OutboxSender;
  private readonly scheduler: WorkerLoop;
  private readonly watchdog: WorkerLoop;
  private readonly retrainer: WorkerLoop;
  readonly outages = new OutageMonitor();
  /** When intake last finished a look at the mailbox; null before the first. */
  lastPollAt: Date | null = null;
  private started = false;
  private stopped: Promise<void> | null = null;

  constructor(private readonly deps: DaemonDeps) {
    const { config, db, log, clock } = deps;
    const { smtp } = config;
    this.live = { pipeline: deps.pipeline, jobHandlers: deps.jobHandlers };
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
      db, log, clock, owner: deps.owner, handlers: this.live.jobHandlers, claimMs: config.scheduler.claimTimeoutMs, maxAttempts: 5,
    }, shouldStop), log, () => this.sender.poke());
    // Each committed group's letters go out while the next group is processed, and its mail is moved.
    this.processor = new WorkerLoop('processor', 1000, (shouldStop) => processPending(this.live.pipeline, shouldStop, () => {
      this.sender.poke();
      for (const intake of this.intakes) intake.poke();
    }), log, () => this.scheduler.poke());
    const { leases } = config;
    const timing = { ttlMs: leases.ttlSeconds * 1000, renewMs: leases.renewSeconds * 1000, standbyMs: leases.standbySeconds * 1000 };
    this.intakes = intakeMailboxes(config.imap).map((mailbox) => new LeasedIntake({
      db, log, clock, name: leaseName(config.imap, mailbox), holder: deps.owner, timing,
      startWork: (fence) => {
        const intake = new IntakeLoop({
          imap: { ...config.imap, mailbox }, maxMessageBytes: config.mail.maxMessageBytes, db, log, clock, createClient: deps.createImapClient, onFetched: () => this.processor.poke(), fence,
          onReachable: (ok) => (ok ? this.outages.recovered('mailbox') : this.outages.failed('mailbox', clock())),
          onPolled: () => void (this.lastPollAt = clock()),
        });
        intake.start();
        return intake;
      },
    }));
  }

  /**
   * Swaps in a reloaded set: work in hand finishes with the set it began with (processPending and
   * runDueJobs read it once per batch), the next batch takes the new one.
   */
  replaceLive(live: LiveSet): void {
    this.live = live;
  }

  /** Started and not stopping: what /readyz reports besides the store. */
  get isRunning(): boolean {
    return this.started;
  }

  get desk(): PipelineDeps['desk'] {
    return this.live.pipeline.desk;
  }

  async start(): Promise<void> {
    await ensureDigestsScheduled(this.deps.db, this.live.pipeline.desk, this.deps.clock());
    await ensureKpiLetterScheduled(this.deps.db, this.live.pipeline.desk, this.deps.clock());
    await ensureRetentionScheduled(this.deps.db, this.deps.config.retention, this.live.pipeline.desk.calendar, this.deps.clock());
    this.sender.start();
    this.scheduler.start();
    this.watchdog.start();
    this.retrainer.start();
    this.processor.start();
    for (const intake of this.intakes) intake.start();
    this.started = true;
    this.deps.log.info('daemon.started', { instance: this.deps.config.instance.name });
  }

  /** An outage longer than alerts.unreachableMinutes is told once (per outage, by when it began). */
  private async alertOutages(): Promise<number> {
    const { desk } = this.live.pipeline;
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
      this.started = false;
      this.deps.log.info('daemon.stopping');
      // Both told at once: the processor finishes the message in hand and takes no new one while
      // intake logs out, which may take a while (rows left pending are simply next start's work).
      await Promise.all([...this.intakes.map((i) => i.stop()), this.processor.stop()]);
      await this.deps.pipeline.parser.close();
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

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
}

export class Daemon {
  private readonly intake: IntakeLoop;
  private readonly processor: WorkerLoop;
  private readonly sender: OutboxSender;
  private readonly scheduler: WorkerLoop;
  private stopped: Promise<void> | null = null;

  constructor(private readonly deps: DaemonDeps) {
    const { config, db, log, clock } = deps;
    const { smtp } = config;
    this.sender = new OutboxSender({
      db, transport: deps.transport, log, clock, owner: deps.owner, retry: smtp.retry, concurrency: smtp.maxConnections, claimMs: smtp.claimTimeoutMs, verp: config.mail.verp,
      journal: { address: smtp.journal.enabled ? smtp.journal.address || smtp.fromAddress : null, graceMs: smtp.journal.graceSeconds * 1000 }, pollIntervalMs: smtp.pollIntervalMs,
    });
    this.scheduler = new WorkerLoop('scheduler', config.scheduler.pollIntervalMs, (shouldStop) => runDueJobs({
      db, log, clock, owner: deps.owner, handlers: deps.jobHandlers, claimMs: config.scheduler.claimTimeoutMs, maxAttempts: 5,
    }, shouldStop), log, () => this.sender.poke());
    this.processor = new WorkerLoop('processor', 1000, (shouldStop) => processPending(deps.pipeline, shouldStop), log, () => {
      this.sender.poke();
      this.intake.poke();
      this.scheduler.poke();
    });
    this.intake = new IntakeLoop({ imap: config.imap, db, log, clock, createClient: deps.createImapClient, onFetched: () => this.processor.poke() });
  }

  async start(): Promise<void> {
    this.sender.start();
    this.scheduler.start();
    this.processor.start();
    this.intake.start();
    this.deps.log.info('daemon.started', { instance: this.deps.config.instance.name });
  }

  /** Safe to call more than once; every call waits for the same shutdown. */
  stop(): Promise<void> {
    this.stopped ??= (async () => {
      this.deps.log.info('daemon.stopping');
      await this.intake.stop();
      await this.processor.stop();
      await this.scheduler.stop();
      await this.sender.stop();
      this.deps.transport.close();
      this.deps.log.info('daemon.stopped');
    })();
    return this.stopped;
  }
}

// The intake session: connect, read new mail into the ledger, move processed mail, then wait for
// IDLE news (debounced) or the poll timer. A dropped connection is retried with capped, jittered
// backoff that resets only after a connection stayed healthy.
import type { ImapFlow } from 'imapflow';
import type { Knex } from 'knex';
import type { AppConfig } from '../config/schema';
import type { Logger } from '../log/logger';
import { ReconnectBackoff } from '../daemon/backoff';
import { BackgroundLoop } from '../daemon/background-loop';
import { Wakeup } from '../daemon/wakeup';
import { syncMailbox } from './mailbox-sync';
import { ensureFolders, moveProcessed } from './mover';

export interface IntakeDeps {
  imap: AppConfig['imap'];
  /** mail.maxMessageBytes: a larger message is recorded by its header block, not fetched whole. */
  maxMessageBytes: number;
  db: Knex;
  log: Logger;
  clock: () => Date;
  createClient(): ImapFlow;
  /** Called after new messages were written to the ledger. */
  onFetched(): void;
  /** Told when the mailbox becomes reachable or not. */
  onReachable?(reachable: boolean): void;
  /** Called after each completed look at the mailbox, new mail or not (for /metrics). */
  onPolled?(): void;
  /** Refuses ledger writes once this instance no longer holds the mailbox's lease. */
  fence?: (trx: Knex) => Promise<void>;
}

const MOVE_EVERY_MS = 2000;

export class IntakeLoop extends BackgroundLoop {
  private client: ImapFlow | null = null;
  private debounce: NodeJS.Timeout | null = null;
  private readonly backoff: ReconnectBackoff;
  // Only stopping may cut a reconnect delay short: news of processed mail must not, or a server
  // that keeps dropping us would see a login for every processed batch.
  private readonly reconnectDelay = new Wakeup();

  constructor(private readonly deps: IntakeDeps) {
    super();
    this.backoff = new ReconnectBackoff(deps.imap.reconnect);
  }

  protected override beforeStop(): void {
    if (this.debounce) clearTimeout(this.debounce);
    this.reconnectDelay.wake();
  }

  protected async run(): Promise<void> {
    const log = this.deps.log.child({ component: 'intake', mailbox: this.deps.imap.mailbox });
    while (!this.stopping) {
      try {
        await this.session(log);
      } catch (err) {
        if (this.stopping) break;
        this.deps.onReachable?.(false);
        log.warn('intake.connection_failed', { error: (err as Error).message });
      }
      await this.closeClient();
      if (this.stopping) break;
      const delay = this.backoff.nextDelay();
      log.info('intake.reconnect_scheduled', { inMs: delay });
      await this.reconnectDelay.wait(delay);
    }
    await this.closeClient();
  }

  private async session(log: Logger): Promise<void> {
    const { imap } = this.deps;
    const client = this.deps.createClient();
    this.client = client;
    let closed = false;
    client.on('error', (err: Error) => log.warn('intake.client_error', { error: err.message }));
    client.on('close', () => {
      closed = true;
      this.wakeup.wake();
    });
    client.on('exists', () => this.onExists());
    await client.connect();
    this.backoff.connected();
    this.deps.onReachable?.(true);
    log.info('intake.connected', { idle: imap.idle && client.capabilities.has('IDLE') });
    // A configured intake folder that does not exist yet is made, so mail filed there later is read.
    await ensureFolders(client, [imap.mailbox, imap.processedMailbox, imap.quarantineMailbox, imap.sentMailbox]);
    await client.mailboxOpen(imap.mailbox);
    let lastMove = 0;
    while (!this.stopping && !closed) {
      const fetched = await syncMailbox(client, this.deps.db, log, {
        mailbox: imap.mailbox, batchSize: imap.fetchBatchSize, maxMessageBytes: this.deps.maxMessageBytes, clock: this.deps.clock, shouldStop: () => this.stopping, fence: this.deps.fence,
        onRecorded: () => this.deps.onFetched(),
      });
      this.deps.onPolled?.();
      if (this.stopping) break;
      // Moving is not urgent (the ledger says what is left to move) and it holds up the next fetch:
      // while mail keeps coming it is done once in a while, in bigger groups.
      const now = this.deps.clock().getTime();
      if (fetched === 0 || now - lastMove >= MOVE_EVERY_MS) {
        lastMove = now;
        await moveProcessed(client, this.deps.db, log, { mailbox: imap.mailbox, folders: { processed: imap.processedMailbox, quarantine: imap.quarantineMailbox, sent: imap.sentMailbox } });
      }
      await this.wakeup.wait(imap.pollIntervalMs);
    }
    if (closed && !this.stopping) throw new Error('connection closed by server');
  }

  private onExists(): void {
    // IDLE news comes in bursts: fetch once for the burst. The first news starts the wait and later
    // news does not restart it: under a flood the news never stops, and a wait restarted by each
    // message would hold the fetch until the flood ended.
    if (this.debounce) return;
    this.debounce = setTimeout(() => {
      this.debounce = null;
      this.wakeup.wake();
    }, this.deps.imap.idleDebounceMs);
  }

  private async closeClient(): Promise<void> {
    const client = this.client;
    this.client = null;
    if (!client) return;
    client.removeAllListeners('exists');
    try {
      if (client.usable) await client.logout();
      else client.close();
    } catch {
      client.close();
    }
  }
}

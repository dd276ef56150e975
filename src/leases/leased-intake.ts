// Takes mail from one mailbox only while holding its lease. A standby asks for the lease every
// standby period; the holder renews it and stops taking mail when the lease is lost, or when it
// cannot renew and the lease would run out. Whatever it still tries after that is refused by the
// fence in its ledger writes, so a holder that was frozen (SIGSTOP, a long GC, a lost network) and
// wakes up cannot write behind its successor's back.
import type { Knex } from 'knex';
import type { Logger } from '../log/logger';
import { BackgroundLoop } from '../daemon/background-loop';
import { acquireLease, assertLease, releaseLease, renewLease, type Lease } from '../store/lease-repo';
import { mayKeepTaking, type LeaseTiming } from './lease-timing';

/** What the holder runs while it holds the lease: an intake loop, started with the fence. */
export interface HeldWork {
  poke(): void;
  stop(): Promise<void>;
}

export interface LeasedIntakeDeps {
  db: Knex;
  log: Logger;
  clock: () => Date;
  /** The lease's name: the same on every instance that may take this mailbox. */
  name: string;
  /** This instance, stable across its restarts. */
  holder: string;
  timing: LeaseTiming;
  startWork(fence: (trx: Knex) => Promise<void>): HeldWork;
  /** Told when this instance starts or stops holding the mailbox. */
  onHeld?(held: boolean, lease: Lease): void;
}

export class LeasedIntake extends BackgroundLoop {
  private work: HeldWork | null = null;
  private lease: Lease | null = null;

  constructor(private readonly deps: LeasedIntakeDeps) {
    super();
  }

  /** News for the intake (processed mail to move) goes to the work, not to the lease timer. */
  override poke(): void {
    this.work?.poke();
  }

  get held(): Lease | null {
    return this.lease;
  }

  protected async run(): Promise<void> {
    const { log, timing } = this.deps;
    while (!this.stopping) {
      const lease = await this.tryAcquire();
      if (!lease) {
        await this.wakeup.wait(timing.standbyMs);
        continue;
      }
      await this.hold(lease);
    }
    log.info('lease.loop_stopped', { lease: this.deps.name });
  }

  private async tryAcquire(): Promise<Lease | null> {
    try {
      return await acquireLease(this.deps.db, this.deps.name, this.deps.holder, this.deps.clock(), this.deps.timing.ttlMs);
    } catch (err) {
      this.deps.log.warn('lease.acquire_failed', { lease: this.deps.name, error: (err as Error).message });
      return null;
    }
  }

  private async hold(acquired: Lease): Promise<void> {
    const { db, log, clock, timing } = this.deps;
    let lease = acquired;
    this.lease = lease;
    log.info('lease.acquired', { lease: lease.name, generation: lease.generation });
    this.deps.onHeld?.(true, lease);
    this.work = this.deps.startWork((trx) => assertLease(trx, acquired));
    let why = 'stopping';
    while (!this.stopping) {
      await this.wakeup.wait(timing.renewMs);
      if (this.stopping) break;
      try {
        const renewed = await renewLease(db, lease, clock(), timing.ttlMs);
        if (!renewed) {
          why = 'taken over by another instance';
          break;
        }
        lease = renewed;
        this.lease = lease;
      } catch (err) {
        log.warn('lease.renew_failed', { lease: lease.name, error: (err as Error).message, expiresAt: lease.expiresAt });
        if (!mayKeepTaking(lease.expiresAt, clock(), timing)) {
          why = 'could not renew before it runs out';
          break;
        }
      }
    }
    const work = this.work;
    this.work = null;
    this.lease = null;
    await work.stop();
    if (this.stopping) {
      // A clean stop hands the mailbox over at once rather than after the lease time.
      await releaseLease(db, lease, clock()).catch((err: unknown) => log.warn('lease.release_failed', { lease: lease.name, error: (err as Error).message }));
      log.info('lease.released', { lease: lease.name, generation: lease.generation });
    } else {
      log.warn('lease.lost', { lease: lease.name, generation: lease.generation, reason: why });
    }
    this.deps.onHeld?.(false, lease);
  }
}

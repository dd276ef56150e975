// The lifecycle every long-running part of the daemon shares: start once, wake early on news, stop
// after the work in hand and wait until it has really stopped.
import { Wakeup } from './wakeup';

export abstract class BackgroundLoop {
  protected readonly wakeup = new Wakeup();
  protected stopping = false;
  private done: Promise<void> | null = null;

  start(): void {
    this.done ??= this.run();
  }

  /** There is news (mail arrived, letters queued): do not wait for the timer. */
  poke(): void {
    this.wakeup.wake();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.beforeStop();
    this.wakeup.wake();
    await this.done;
  }

  protected beforeStop(): void {}

  protected abstract run(): Promise<void>;
}

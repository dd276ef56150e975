// A loop that runs one step whenever woken or every `intervalMs`, and stops after the step in hand.
import type { Logger } from '../log/logger';
import { BackgroundLoop } from './background-loop';

export class WorkerLoop extends BackgroundLoop {
  constructor(
    private readonly name: string,
    private readonly intervalMs: number,
    private readonly step: (shouldStop: () => boolean) => Promise<number>,
    private readonly log: Logger,
    private readonly afterWork: () => void = () => undefined,
  ) {
    super();
  }

  protected async run(): Promise<void> {
    while (!this.stopping) {
      try {
        const n = await this.step(() => this.stopping);
        if (n > 0) this.afterWork();
      } catch (err) {
        // A failing step (database unavailable, say) is retried on the next tick, not fatal.
        this.log.error(`${this.name}.step_failed`, { error: (err as Error).message });
      }
      if (!this.stopping) await this.wakeup.wait(this.intervalMs);
    }
  }
}

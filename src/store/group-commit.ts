// Group commit: results that arrive one by one (a letter accepted, say) are written together, one
// transaction for as many as are waiting, so a flood costs one disk sync per group, not per result.
// Each caller still learns when its own result is durable (or that the write failed).

interface Waiting<T> {
  item: T;
  resolve(): void;
  reject(err: unknown): void;
}

export class GroupCommit<T> {
  private readonly waiting: Array<Waiting<T>> = [];
  private writing: Promise<void> | null = null;

  /**
   * `write` gets every item waiting (at most `maxGroup`) and writes them in one transaction.
   * `gatherMs`: how long a group waits for company before it is written. Results that arrive one by
   * one (each from its own SMTP reply) would otherwise mostly be written alone, a disk sync each.
   */
  constructor(private readonly write: (items: T[]) => Promise<void>, private readonly maxGroup = 100, private readonly gatherMs = 0) {}

  /** Resolves once `item` is written. While a group is being written, the next one gathers. */
  add(item: T): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      this.writing ??= this.drain();
    });
  }

  private async drain(): Promise<void> {
    while (this.waiting.length > 0) {
      if (this.gatherMs > 0 && this.waiting.length < this.maxGroup) await new Promise((r) => setTimeout(r, this.gatherMs));
      const group = this.waiting.splice(0, this.maxGroup);
      try {
        await this.write(group.map((w) => w.item));
        for (const w of group) w.resolve();
      } catch (err) {
        for (const w of group) w.reject(err);
      }
    }
    this.writing = null;
  }
}

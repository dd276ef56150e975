// Remembers since when the mailbox or the SMTP relay has been unreachable, as the intake and the
// sender report it, so a watchdog can tell the supervisor of an outage longer than the configured
// time (and health checks can show it). In memory: an outage counts from this process's first failure.

export type Link = 'mailbox' | 'relay';

export class OutageMonitor {
  private readonly since = new Map<Link, Date>();

  failed(link: Link, at: Date): void {
    if (!this.since.has(link)) this.since.set(link, at);
  }

  recovered(link: Link): void {
    this.since.delete(link);
  }

  /** Links down for at least `minutes` at `now`, with when they went down. */
  longerThan(now: Date, minutes: number): Array<{ link: Link; since: Date }> {
    return [...this.since].filter(([, at]) => now.getTime() - at.getTime() >= minutes * 60_000).map(([link, since]) => ({ link, since }));
  }
}

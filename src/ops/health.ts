// What /healthz and /readyz answer, decided apart from HTTP. Healthy: neither the mailbox nor the
// relay has been unreachable longer than ops.unhealthyAfterSeconds (a short blip is not a page at 3
// a.m.). Ready: the daemon has started, is not stopping, and its store answers.
import type { Link } from '../daemon/outage-monitor';

export interface HealthReport {
  ok: boolean;
  /** Links down longer than allowed, with since when (ISO). */
  down: Array<{ link: Link; since: string }>;
}

export function healthOf(outages: ReadonlyArray<{ link: Link; since: Date }>, now: Date, unhealthyAfterSeconds: number): HealthReport {
  const down = outages
    .filter((o) => now.getTime() - o.since.getTime() >= unhealthyAfterSeconds * 1000)
    .map((o) => ({ link: o.link, since: o.since.toISOString() }));
  return { ok: down.length === 0, down };
}

export interface Readiness {
  ok: boolean;
  running: boolean;
  store: boolean;
}

export function readinessOf(running: boolean, storeAnswers: boolean): Readiness {
  return { ok: running && storeAnswers, running, store: storeAnswers };
}

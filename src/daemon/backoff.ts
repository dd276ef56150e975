// Delay math for retries and reconnects: exponential, capped, with jitter from an injected random
// source. Pure; the caller owns the timer.

export interface BackoffPolicy {
  initialMs: number;
  maxMs: number;
  /** 0..1: the share of the delay that is randomised, so many clients do not retry in step. */
  jitter: number;
}

/** Delay before attempt number `attempt` (1 = the first retry). */
export function backoffDelay(policy: BackoffPolicy, attempt: number, random: () => number = Math.random): number {
  const exp = Math.min(policy.maxMs, policy.initialMs * 2 ** Math.max(0, attempt - 1));
  const spread = exp * policy.jitter;
  return Math.max(0, Math.round(exp - spread + random() * spread));
}

/**
 * Tracks reconnect attempts. The count resets only after a connection stayed up for healthyAfterMs:
 * a server that accepts the login and drops us at once must not get a login storm.
 */
export class ReconnectBackoff {
  private attempt = 0;
  private connectedAt: number | null = null;

  constructor(
    private readonly policy: BackoffPolicy & { healthyAfterMs: number },
    private readonly now: () => number = Date.now,
    private readonly random: () => number = Math.random,
  ) {}

  connected(): void {
    this.connectedAt = this.now();
  }

  /** Call when the connection dropped or failed; returns how long to wait before the next try. */
  nextDelay(): number {
    if (this.connectedAt !== null && this.now() - this.connectedAt >= this.policy.healthyAfterMs) this.attempt = 0;
    this.connectedAt = null;
    this.attempt += 1;
    return backoffDelay(this.policy, this.attempt, this.random);
  }
}

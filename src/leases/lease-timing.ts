// When a holder that cannot renew must stop: before its lease can run out, with one renewal period
// to spare, so it has stopped writing by the time a standby may take the mailbox over.

export interface LeaseTiming {
  ttlMs: number;
  renewMs: number;
  /** How often a standby asks whether the lease is free. */
  standbyMs: number;
}

/** True while a holder whose renewals fail may go on taking mail. */
export function mayKeepTaking(expiresAt: string, now: Date, timing: Pick<LeaseTiming, 'renewMs'>): boolean {
  return now.getTime() + timing.renewMs < Date.parse(expiresAt);
}

// The one error parsing is allowed to throw: the caller quarantines the raw bytes with `reason`
// instead of retrying a message that will never parse (a crash loop on one hostile letter).

export class UnparseableMessageError extends Error {
  override readonly name = 'UnparseableMessageError';

  /** Short and human-readable, shown to staff next to the quarantined message. */
  readonly reason: string;

  constructor(reason: string, options?: { cause?: unknown }) {
    super(`unparseable message: ${reason}`, options);
    this.reason = reason;
  }
}

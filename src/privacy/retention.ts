// Retention: personal data older than the configured age is purged by a daily job (and by
// `complaintd retention run`). Pure settings and cut-off math here; the purging is in
// store/retention-repo.ts, the run in retention-run.ts.

export interface RetentionSettings {
  /** Raw bytes of processed messages and finished letters older than this many days; 0 keeps them. */
  rawDays: number;
  /** Texts and attachments of cases closed this many days ago; 0 keeps them. */
  bodyDays: number;
  /** Local time of the daily run, "HH:MM". */
  at: string;
}

export const RETENTION_OFF: RetentionSettings = { rawDays: 0, bodyDays: 0, at: '03:30' };

const DAY_MS = 86_400_000;

export function isRetentionOn(s: RetentionSettings): boolean {
  return s.rawDays > 0 || s.bodyDays > 0;
}

/** The instants before which each kind of data goes; null for a kind kept for ever. */
export function retentionCutoffs(s: RetentionSettings, now: Date): { raw: Date | null; bodies: Date | null } {
  const before = (days: number): Date | null => (days > 0 ? new Date(now.getTime() - days * DAY_MS) : null);
  return { raw: before(s.rawDays), bodies: before(s.bodyDays) };
}

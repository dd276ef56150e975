// Which settings a running daemon can take on the fly and which only at start. Connections, the store,
// logging, numbering and the reply-token key are built once (sockets, pools, a secret read from the
// store): a reload keeps the running values of these and says which changed keys wait for a restart.
import type { AppConfig } from '../config/schema';

export const RESTART_SECTIONS = ['instance', 'store', 'imap', 'smtp', 'scheduler', 'leases', 'log', 'cases', 'threading', 'ops'] as const satisfies ReadonlyArray<keyof AppConfig>;
type RestartSection = (typeof RESTART_SECTIONS)[number];

/** Dotted keys under the restart-only sections whose values differ (names only: values may be secrets). */
export function restartOnlyChanges(running: AppConfig, next: AppConfig): string[] {
  return RESTART_SECTIONS.flatMap((section) => changedKeys(running[section], next[section], section));
}

/** The new configuration with the restart-only sections as they run now. */
export function withRunningRestartSettings(running: AppConfig, next: AppConfig): AppConfig {
  const kept = Object.fromEntries(RESTART_SECTIONS.map((s) => [s, running[s]])) as Pick<AppConfig, RestartSection>;
  return { ...next, ...kept };
}

function changedKeys(a: unknown, b: unknown, at: string): string[] {
  if (isRecord(a) && isRecord(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    return keys.flatMap((k) => changedKeys(a[k], b[k], `${at}.${k}`));
  }
  return JSON.stringify(a) === JSON.stringify(b) ? [] : [at];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

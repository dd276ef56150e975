// What SIGINT/SIGTERM do: the first starts the ordered shutdown, time-boxed so a hung server cannot
// keep the process alive; a second one exits at once, for the admin who means it. SIGHUP reloads the
// admin-edited files (`systemctl reload`), as daemons have done since inetd.

export interface SignalDeps {
  onSignal(signal: NodeJS.Signals, handler: (signal: NodeJS.Signals) => void): void;
  shutdown(): Promise<void>;
  exit(code: number): void;
  schedule(fn: () => void, ms: number): void;
  log(event: string, fields: Record<string, unknown>): void;
  limitMs: number;
  /** What SIGHUP does; without it SIGHUP keeps Node's default (exit). */
  reload?: () => void;
}

export const FORCED_EXIT_CODE = 130;

export function installSignalHandlers(deps: SignalDeps): void {
  let received = 0;
  const handler = (signal: NodeJS.Signals): void => {
    received++;
    if (received > 1) {
      deps.log('daemon.forced_exit', { signal });
      deps.exit(FORCED_EXIT_CODE);
      return;
    }
    deps.log('daemon.signal', { signal });
    deps.schedule(() => {
      deps.log('daemon.shutdown_timed_out', { limitMs: deps.limitMs });
      deps.exit(1);
    }, deps.limitMs);
    deps.shutdown().then(
      () => deps.exit(0),
      (err: unknown) => {
        deps.log('daemon.shutdown_failed', { error: (err as Error).message });
        deps.exit(1);
      },
    );
  };
  deps.onSignal('SIGINT', handler);
  deps.onSignal('SIGTERM', handler);
  const { reload } = deps;
  if (reload) {
    deps.onSignal('SIGHUP', (signal) => {
      // A reload asked for while shutting down would load files for a daemon that is going away.
      if (received > 0) return;
      deps.log('daemon.signal', { signal });
      reload();
    });
  }
}

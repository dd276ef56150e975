// Composition root: load config, build every dependency, start the daemon, handle signals.
// Nothing connects to anything on import; everything is wired here.
import { hostname } from 'node:os';
import type { AppConfig } from './config/schema';
import type { LoadedConfig } from './config/load';
import { createLogger, type Logger } from './log/logger';
import { openStore, migrateLatest, type Db } from './store/db';
import { boundHeapGrowth } from './daemon/heap-growth';
import { loadParts, pipelineDeps, tokenSecret } from './pipeline-deps';
import { retrainIfDue, type RetrainOutcome } from './classifier/retrain';
import { loadRetrainSettings } from './classifier/retrain-settings';
import { createImapClient } from './intake/imap-client';
import { jobHandlers } from './daemon/job-handlers';
import { createSmtpTransport, type Transport } from './outbox/transport';
import { Daemon } from './daemon/daemon';
import { installSignalHandlers } from './daemon/signals';
import { ConfigReloader, type ReloadOutcome } from './ops/config-reloader';
import { tellRefusedSet } from './ops/refused-set';
import { createMetrics } from './ops/metrics';
import { countedLogger } from './ops/counted-logger';
import { healthOf, readinessOf } from './ops/health';
import { startOpsServer, type OpsServer } from './ops/ops-server';

export interface Runtime {
  config: AppConfig;
  db: Db;
  log: Logger;
  daemon: Daemon;
  /** The /metrics, /healthz, /readyz endpoint; null when ops.port is 0. */
  ops: OpsServer | null;
  /**
   * Retrains the classifier on staff labels if due (or when forced) and swaps an accepted model into
   * the running pipeline: what the job scheduler calls on its timer.
   */
  retrainClassifier(request?: { force?: boolean }): Promise<RetrainOutcome>;
  /** Reloads the admin-edited files now (what SIGHUP does); null when built without a config source. */
  reload(): Promise<ReloadOutcome | null>;
  /** Stops the daemon, then closes the store and flushes the log. Idempotent. */
  close(): Promise<void>;
}

export interface BuildOptions {
  log?: Logger;
  clock?: () => Date;
  transport?: Transport;
  /** Where the configuration came from, to read it again on reload; without it there is no hot reload. */
  source?: { files: readonly string[]; load(): LoadedConfig };
}

export function loggerFor(config: AppConfig): Logger {
  return createLogger({ level: config.log.level, format: config.log.format, maskPersonalData: config.log.maskPersonalData });
}

export async function buildRuntime(config: AppConfig, options: BuildOptions = {}): Promise<Runtime> {
  const baseLog = options.log ?? loggerFor(config);
  const clock = options.clock ?? (() => new Date());
  const db = openStore(config.store);
  // The metrics read the daemon and the reloader, made below, only when scraped.
  let daemonRef: Daemon | null = null;
  let reloaderRef: ConfigReloader | null = null;
  const metrics = createMetrics({
    db, clock, lastPollAt: () => daemonRef?.lastPollAt ?? null, outages: () => daemonRef?.outages.longerThan(clock(), 0) ?? [], configVersion: () => reloaderRef?.version ?? null,
  });
  const log = countedLogger(baseLog, metrics.countLogEvent);
  let ops: OpsServer | null = null;
  try {
    const applied = await migrateLatest(db);
    if (applied.length > 0) log.info('store.migrated', { applied });
    const parts = await loadParts(config);
    log.info('classification.loaded', { categories: parts.classification.categories.categories.size, model: parts.classification.hasModel });
    const secret = await tokenSecret(config, db, clock());
    const pipeline = pipelineDeps(config, parts, { db, log, clock, secret });
    // The retrainer swaps its model into whichever classification is live, also after a reload.
    let { classification } = parts;
    const retrainSettings = await loadRetrainSettings(config.classification);
    const retrainClassifier = async (request: { force?: boolean } = {}): Promise<RetrainOutcome> => {
      const outcome = await retrainIfDue({ db, settings: retrainSettings, clock, onReplaced: classification.replacePredictor }, request);
      if (outcome.ran) log.info(outcome.accepted ? 'classifier.replaced' : 'classifier.kept', { reason: outcome.reason, runId: outcome.run.id });
      return outcome;
    };
    const transport = options.transport ?? createSmtpTransport(config.smtp);
    const daemon = new Daemon({ config, db, log, clock, pipeline, transport, createImapClient: () => createImapClient(config.imap), owner: instanceOwner(config),
      jobHandlers: jobHandlers(pipeline.desk, config.retention), retrain: () => retrainClassifier(),
    });
    const reloader = options.source ? new ConfigReloader({
      load: options.source.load, running: config, files: options.source.files, log, clock, debounceMs: config.ops.reloadDebounceMs,
      swap: (next, nextParts) => {
        const live = pipelineDeps(next, nextParts, { db, log, clock, secret });
        classification = nextParts.classification;
        daemon.replaceLive({ pipeline: live, jobHandlers: jobHandlers(live.desk, next.retention) });
      },
      notifyRefused: (version, reason) => tellRefusedSet(db, daemon.desk, { version, reason, now: clock() }),
      onOutcome: (o) => metrics.countReload(o.result),
    }) : null;
    daemonRef = daemon;
    reloaderRef = reloader;
    if (reloader && config.ops.watch) reloader.start();
    if (config.ops.port > 0) {
      ops = await startOpsServer(config.ops.host, config.ops.port, {
        registry: metrics.registry,
        health: () => healthOf(daemon.outages.longerThan(clock(), 0), clock(), config.ops.unhealthyAfterSeconds),
        readiness: async () => readinessOf(daemon.isRunning, await db.raw('select 1').then(() => true, () => false)),
        onError: (route, err) => log.error('ops.request_failed', { route, error: err.message }),
      });
      log.info('ops.listening', { host: config.ops.host, port: ops.port });
    }
    let closing: Promise<void> | null = null;
    const close = (): Promise<void> =>
      (closing ??= (async () => {
        await ops?.close();
        await reloader?.stop();
        await daemon.stop();
        await db.destroy();
        if (!options.log) await baseLog.close();
      })());
    const reload = async (): Promise<ReloadOutcome | null> => (reloader ? reloader.reload('signal') : null);
    return { config, db, log, daemon, ops, retrainClassifier, reload, close };
  } catch (err) {
    await ops?.close();
    await reloaderRef?.stop();
    await db.destroy();
    throw err;
  }
}

/** Stable across restarts, so a restarted daemon knows the sends it left unfinished as its own. */
export function instanceOwner(config: AppConfig): string {
  return `${config.instance.name}@${hostname()}`;
}

const SHUTDOWN_LIMIT_MS = 30_000;

/** `complaintd start`: runs until SIGINT/SIGTERM (a second signal exits at once); SIGHUP reloads. */
export async function runDaemon(load: () => LoadedConfig): Promise<void> {
  boundHeapGrowth();
  const { config, files } = load();
  const runtime = await buildRuntime(config, { source: { files, load } });
  installSignalHandlers({
    onSignal: (signal, handler) => process.on(signal, handler),
    shutdown: runtime.close,
    exit: (code) => process.exit(code),
    schedule: (fn, ms) => void setTimeout(fn, ms).unref(),
    log: (event, fields) => runtime.log.info(event, fields),
    limitMs: SHUTDOWN_LIMIT_MS,
    reload: () => void runtime.reload(),
  });
  await runtime.daemon.start();
}

// Composition root: load config, build every dependency, start the daemon, handle signals.
// Nothing connects to anything on import; everything is wired here.
import { hostname } from 'node:os';
import type { AppConfig } from './config/schema';
import { createLogger, type Logger } from './log/logger';
import { openStore, migrateLatest, type Db } from './store/db';
import { loadParts, pipelineDeps, tokenSecret } from './pipeline-deps';
import { retrainIfDue, type RetrainOutcome } from './classifier/retrain';
import { loadRetrainSettings } from './classifier/retrain-settings';
import { createImapClient } from './intake/imap-client';
import { jobHandlers } from './daemon/job-handlers';
import { createSmtpTransport, type Transport } from './outbox/transport';
import { Daemon } from './daemon/daemon';
import { installSignalHandlers } from './daemon/signals';

export interface Runtime {
  config: AppConfig;
  db: Db;
  log: Logger;
  daemon: Daemon;
  /**
   * Retrains the classifier on staff labels if due (or when forced) and swaps an accepted model into
   * the running pipeline: what the job scheduler calls on its timer.
   */
  retrainClassifier(request?: { force?: boolean }): Promise<RetrainOutcome>;
  /** Stops the daemon, then closes the store and flushes the log. Idempotent. */
  close(): Promise<void>;
}

export interface BuildOptions {
  log?: Logger;
  clock?: () => Date;
  transport?: Transport;
}

export function loggerFor(config: AppConfig): Logger {
  return createLogger({ level: config.log.level, format: config.log.format, maskPersonalData: config.log.maskPersonalData });
}

export async function buildRuntime(config: AppConfig, options: BuildOptions = {}): Promise<Runtime> {
  const log = options.log ?? loggerFor(config);
  const clock = options.clock ?? (() => new Date());
  const db = openStore(config.store);
  try {
    const applied = await migrateLatest(db);
    if (applied.length > 0) log.info('store.migrated', { applied });
    const parts = await loadParts(config);
    log.info('classification.loaded', { categories: parts.classification.categories.categories.size, model: parts.classification.hasModel });
    const secret = await tokenSecret(config, db, clock());
    const pipeline = pipelineDeps(config, parts, { db, log, clock, secret });
    const { classification } = parts;
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
    let closing: Promise<void> | null = null;
    const close = (): Promise<void> =>
      (closing ??= (async () => {
        await daemon.stop();
        await db.destroy();
        if (!options.log) await log.close();
      })());
    return { config, db, log, daemon, retrainClassifier, close };
  } catch (err) {
    await db.destroy();
    throw err;
  }
}

/** Stable across restarts, so a restarted daemon knows the sends it left unfinished as its own. */
export function instanceOwner(config: AppConfig): string {
  return `${config.instance.name}@${hostname()}`;
}

const SHUTDOWN_LIMIT_MS = 30_000;

/** `complaintd start`: runs until SIGINT/SIGTERM; a second signal exits at once. */
export async function runDaemon(config: AppConfig): Promise<void> {
  const runtime = await buildRuntime(config);
  installSignalHandlers({
    onSignal: (signal, handler) => process.on(signal, handler),
    shutdown: runtime.close,
    exit: (code) => process.exit(code),
    schedule: (fn, ms) => void setTimeout(fn, ms).unref(),
    log: (event, fields) => runtime.log.info(event, fields),
    limitMs: SHUTDOWN_LIMIT_MS,
  });
  await runtime.daemon.start();
}

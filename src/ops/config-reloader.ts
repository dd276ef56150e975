// Hot reload of the admin-edited set (rules, categories and departments, templates, staff directory,
// calendar, quoting patterns, threat phrases): file events are debounced, the whole new set is loaded
// and validated, and only then swapped in at once; a bad set leaves the last good one running, says
// why in the log and tells the admins once per bad version. SIGHUP calls reload() directly.
//
// Watching is chokidar's (4.x): fs.watch on Linux loses a file that an editor saves by writing a
// temporary file and renaming it over the old one (vim, many IDEs, `sed -i`), since the watch follows
// the old inode; it needs a directory watch and our own filtering to survive that, and recursive
// directory watches only arrived in Node 20. chokidar handles both, is kept up by the same people as
// for a decade, and 4.x has one small dependency and still ships CommonJS.
import { watch, type FSWatcher } from 'chokidar';
import type { AppConfig } from '../config/schema';
import type { LoadedConfig } from '../config/load';
import type { Logger } from '../log/logger';
import type { LoadedParts } from '../pipeline-deps';
import { loadValidSet } from './validate-set';
import { restartOnlyChanges, withRunningRestartSettings } from './restart-settings';
import { contentVersion, watchedPaths } from './config-version';

export interface ReloaderDeps {
  /** Reads the configuration again from the same files and environment as at start. */
  load(): LoadedConfig;
  /** The configuration the daemon started with (its restart-only sections stay). */
  running: AppConfig;
  files: readonly string[];
  /** Puts the new set in service; called only with a set that passed validation. */
  swap(config: AppConfig, parts: LoadedParts, version: string): void;
  /** Tells the admins a set was refused; called once per refused version. */
  notifyRefused(version: string, reason: string): Promise<void>;
  log: Logger;
  clock: () => Date;
  debounceMs: number;
  /** Told of every reload's result (for /metrics). */
  onOutcome?(outcome: ReloadOutcome): void;
}

export type ReloadOutcome =
  | { result: 'unchanged'; version: string }
  | { result: 'reloaded'; version: string; previous: string; restartNeeded: string[] }
  | { result: 'refused'; version: string; live: string; reason: string };

export class ConfigReloader {
  private watcher: FSWatcher | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<ReloadOutcome> | null = null;
  private again = false;
  private live: string;
  private lastRefused: string | null = null;
  private watching: string[];

  constructor(private readonly deps: ReloaderDeps) {
    this.watching = watchedPaths(deps.running, deps.files);
    this.live = contentVersion(this.watching);
  }

  get version(): string {
    return this.live;
  }

  /** Watches the files; the initial scan is not a change. */
  start(): void {
    this.deps.log.info('config.live', { version: this.live, watching: this.watching.length });
    this.watcher = watch(this.watching, { ignoreInitial: true, ignored: (p) => /(^|[/\\])\.[^/\\]+$/.test(p) });
    this.watcher.on('ready', () => this.deps.log.info('config.watching', { paths: this.watching }));
    this.watcher.on('all', () => this.schedule());
    this.watcher.on('error', (err) => this.deps.log.warn('config.watch_failed', { error: (err as Error).message }));
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.watcher?.close();
    this.watcher = null;
    await this.running?.catch(() => undefined);
  }

  /** A burst of saves (an editor, `cp -r`) is one reload, once the files have been quiet for debounceMs. */
  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.reload('watch');
    }, this.deps.debounceMs);
  }

  /** One reload at a time; a change during one runs another after it, so the last save always counts. */
  reload(trigger: 'watch' | 'signal'): Promise<ReloadOutcome> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.reloadOnce(trigger).then((outcome) => {
      this.deps.onOutcome?.(outcome);
      return outcome;
    }).finally(() => {
      this.running = null;
      if (this.again) {
        this.again = false;
        void this.reload(trigger);
      }
    });
    return this.running;
  }

  private async reloadOnce(trigger: 'watch' | 'signal'): Promise<ReloadOutcome> {
    const { log } = this.deps;
    let version = contentVersion(this.watching);
    try {
      const loaded = this.deps.load();
      const paths = watchedPaths(loaded.config, loaded.files);
      version = contentVersion(paths);
      if (version === this.live) {
        log.debug('config.unchanged', { version, trigger });
        return { result: 'unchanged', version };
      }
      const restartNeeded = restartOnlyChanges(this.deps.running, loaded.config);
      if (restartNeeded.length > 0) log.warn('config.restart_needed', { keys: restartNeeded, note: 'these settings take effect after a restart; the running values stay' });
      const effective = withRunningRestartSettings(this.deps.running, loaded.config);
      const parts = await loadValidSet(effective, loaded.files, this.deps.clock());
      this.deps.swap(effective, parts, version);
      const previous = this.live;
      this.live = version;
      this.lastRefused = null;
      this.rewatch(paths);
      log.info('config.reloaded', { version, previous, trigger });
      return { result: 'reloaded', version, previous, restartNeeded };
    } catch (err) {
      const reason = (err as Error).message;
      log.error('config.reload_refused', { version, live: this.live, trigger, reason });
      if (version !== this.lastRefused) {
        this.lastRefused = version;
        await this.deps.notifyRefused(version, reason).catch((e: unknown) => log.error('config.refusal_not_told', { error: (e as Error).message }));
      }
      return { result: 'refused', version, live: this.live, reason };
    }
  }

  /** A reload may point at other folders (templates.dir, rulesDir): watch those instead. */
  private rewatch(paths: string[]): void {
    const removed = this.watching.filter((p) => !paths.includes(p));
    const added = paths.filter((p) => !this.watching.includes(p));
    this.watching = paths;
    if (!this.watcher) return;
    if (removed.length > 0) this.watcher.unwatch(removed);
    if (added.length > 0) this.watcher.add(added);
  }
}

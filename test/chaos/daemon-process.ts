// The daemon as a real child process (the CLI's `start`, from the sources), so SIGKILL means what it
// means in production: no shutdown hook, no flushed buffer, a send cut off wherever it was.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { waitFor } from '../support/mailstack';

const ROOT = path.resolve(__dirname, '../..');

export class DaemonProcess {
  private child: ChildProcess | null = null;
  /** How many lives the daemon has started; each writes 'daemon.started' once to the log. */
  private lives = 0;

  constructor(private readonly configFile: string, readonly logFile: string) {}

  /** Starts a new life and waits until its loops run (the log says daemon.started). */
  async start(): Promise<void> {
    const fd = openSync(this.logFile, 'a');
    try {
      this.child = spawn(process.execPath, ['-r', 'tsx/cjs', path.join(ROOT, 'test/support/cli-entry.ts'), 'start', '-c', this.configFile], { cwd: ROOT, stdio: ['ignore', fd, fd] });
    } finally {
      closeSync(fd);
    }
    this.lives += 1;
    const child = this.child;
    await waitFor(async () => {
      if (child.exitCode !== null) throw new Error(`the daemon exited with ${child.exitCode} while starting; see ${this.logFile}`);
      return this.startedLives() >= this.lives;
    }, { what: 'the daemon started', timeoutMs: 60_000, intervalMs: 100 });
  }

  async kill(): Promise<void> {
    await this.end('SIGKILL');
  }

  /** A graceful stop (SIGTERM), as an admin's restart would do. */
  async stop(): Promise<void> {
    await this.end('SIGTERM');
  }

  isRunning(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  tail(lines = 40): string {
    return readFileSync(this.logFile, 'utf8').split('\n').slice(-lines).join('\n');
  }

  private async end(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child || !this.isRunning()) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(signal);
    await exited;
    this.child = null;
  }

  /** How often all lives logged each of these events; a line with a `count` stands for that many. */
  countEvents(events: readonly string[]): Record<string, number> {
    const counts: Record<string, number> = Object.fromEntries(events.map((e) => [e, 0]));
    for (const line of readFileSync(this.logFile, 'utf8').split('\n')) {
      if (!line.startsWith('{')) continue;
      let entry: { event?: unknown; count?: unknown };
      try {
        entry = JSON.parse(line) as { event?: unknown; count?: unknown };
      } catch {
        continue; // a line cut off by SIGKILL
      }
      if (typeof entry.event === 'string' && entry.event in counts) counts[entry.event] = (counts[entry.event] ?? 0) + (typeof entry.count === 'number' ? entry.count : 1);
    }
    return counts;
  }

  private startedLives(): number {
    return (readFileSync(this.logFile, 'utf8').match(/"daemon\.started"/g) ?? []).length;
  }
}

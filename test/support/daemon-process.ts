// The real daemon as a separate process (`complaintd start -c FILE`, from the TypeScript sources),
// for tests of what only a process shows: signals, file watching, its HTTP endpoint. Its JSON log
// lines go to a file in the instance's folder, read back by event name.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import type { TestInstance } from './daemon-harness';

const root = path.resolve(__dirname, '../..');

export interface DaemonProcess {
  child: ChildProcess;
  logFile: string;
  events(name: string): Array<Record<string, unknown>>;
  /** SIGTERM, then waits for the exit; a no-op when it has exited already. */
  stop(): Promise<void>;
}

export function startDaemonProcess(instance: TestInstance): DaemonProcess {
  const logFile = path.join(instance.dir, 'daemon.log');
  const child = spawn(process.execPath, ['-r', 'tsx/cjs', path.join(root, 'test/support/cli-entry.ts'), 'start', '-c', instance.configFile], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
  child.stderr?.pipe(createWriteStream(logFile, { flags: 'a' }));
  const exited = (): Promise<void> =>
    child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    logFile,
    events: (name) => logLines(logFile).filter((e) => e.event === name),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited();
    },
  };
}

function logLines(file: string): Array<Record<string, unknown>> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  return text.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
}

/** A loopback port nothing listens on right now (the OS picks it). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

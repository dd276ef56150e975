// Progress of an import: a bar on a terminal (cli-progress), plain lines otherwise (a log, a pipe),
// about every tenth of the way, so a long import shows it is alive either way.
import { SingleBar } from 'cli-progress';

export interface Progress {
  update(done: number): void;
  stop(): void;
}

export function progressFor(total: number, stream: NodeJS.WriteStream): Progress {
  if (stream.isTTY) {
    const bar = new SingleBar({ stream, format: 'import [{bar}] {value}/{total} messages, {eta_formatted} left', hideCursor: true, etaBuffer: 50 });
    bar.start(total, 0);
    return { update: (done) => bar.update(done), stop: () => bar.stop() };
  }
  const every = Math.max(1, Math.ceil(total / 10));
  return {
    update: (done) => {
      if (done % every === 0 || done === total) stream.write(`import: ${done}/${total} messages\n`);
    },
    stop: () => undefined,
  };
}

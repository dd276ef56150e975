// Parsing with bounded work: each message is parsed in a worker thread with a heap cap, and the
// thread is terminated when the parse passes its time limit or its cap. A MIME bomb or pathological
// HTML then costs that one message (quarantined at once with the reason: parsing it again would hit
// the same wall) instead of stalling the daemon or growing its heap. One thread, kept between
// messages, started again after it was terminated; the processor parses one message at a time.
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { UnparseableMessageError } from './errors';
import type { ParseLimits } from './parse';
import type { ParsedMessage } from './parsed-message';
import { reviveParsed, type ParseReply } from './parse-reply';

export interface ParseBounds {
  /** A parse still running after this long is given up (mail.parseTimeoutMs). */
  timeoutMs: number;
  /** The parse thread's heap cap in MB (mail.parseMemoryMb). */
  memoryMb: number;
}

export interface MessageParser {
  /** The parsed message, or UnparseableMessageError with the reason to quarantine it under. */
  parse(raw: Buffer, limits: ParseLimits): Promise<ParsedMessage>;
  /** Ends the thread; a later parse starts a new one. */
  close(): Promise<void>;
}

/** How a parse in the thread ended, as the thread's events tell it. */
export type ParseEnd =
  | { kind: 'reply'; reply: ParseReply }
  | { kind: 'timeout' }
  | { kind: 'error'; code: string | undefined; message: string }
  | { kind: 'exit'; code: number };

/**
 * What a parse's end means for the message. Time and memory are the message's doing: unparseable,
 * quarantined now. A thread that died otherwise is our fault as far as we know: a plain error, which
 * the pipeline retries a few times before it quarantines.
 */
export function parseOutcome(end: ParseEnd, bounds: ParseBounds): { parsed: ParsedMessage } | { error: Error } {
  switch (end.kind) {
    case 'reply':
      if (end.reply.ok) return { parsed: reviveParsed(end.reply.parsed) };
      return { error: end.reply.unparseable ? new UnparseableMessageError(end.reply.reason) : new Error(end.reply.message) };
    case 'timeout':
      return { error: new UnparseableMessageError(`parsing took longer than ${bounds.timeoutMs} ms (mail.parseTimeoutMs), given up`) };
    case 'error':
      if (end.code === 'ERR_WORKER_OUT_OF_MEMORY') return { error: new UnparseableMessageError(`parsing needed more than ${bounds.memoryMb} MB of memory (mail.parseMemoryMb), given up`) };
      return { error: new Error(`the parse thread failed: ${end.message}`) };
    case 'exit':
      return { error: new Error(`the parse thread exited with code ${end.code}`) };
  }
}

/** Young generation for a heap cap: V8's own default is 16-32 MB, too much of a small cap. */
export function youngGenerationMb(memoryMb: number): number {
  return Math.max(2, Math.min(32, Math.floor(memoryMb / 8)));
}

interface Thread {
  worker: Worker;
  /** Settles once the thread has loaded the parser: starting it is not the message's time. */
  ready: Promise<void>;
}

interface Pending {
  worker: Worker;
  timer: NodeJS.Timeout;
  settle(end: ParseEnd): void;
}

export class BoundedParser implements MessageParser {
  private thread: Thread | null = null;
  private pending: Pending | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly bounds: ParseBounds, private readonly spawn: (bounds: ParseBounds) => Worker = spawnParseWorker) {}

  parse(raw: Buffer, limits: ParseLimits): Promise<ParsedMessage> {
    const run = this.queue.then(() => this.parseNow(raw, limits));
    this.queue = run.catch(() => undefined);
    return run;
  }

  async close(): Promise<void> {
    await this.queue;
    const thread = this.thread;
    this.thread = null;
    if (thread) await thread.worker.terminate();
  }

  private async parseNow(raw: Buffer, limits: ParseLimits): Promise<ParsedMessage> {
    // Over the size limit nothing is gained by copying the bytes to the thread: the answer is known.
    if (raw.length > limits.maxMessageBytes) throw new UnparseableMessageError(`message larger than ${limits.maxMessageBytes} bytes`);
    const thread = (this.thread ??= this.start());
    const { worker } = thread;
    worker.ref();
    await thread.ready;
    return new Promise<ParsedMessage>((resolve, reject) => {
      const timer = setTimeout(() => this.end(worker, { kind: 'timeout' }), this.bounds.timeoutMs);
      this.pending = {
        worker, timer,
        settle: (end) => {
          const outcome = parseOutcome(end, this.bounds);
          if ('parsed' in outcome) resolve(outcome.parsed);
          else reject(outcome.error);
        },
      };
      const copy = new Uint8Array(raw);
      worker.postMessage({ raw: copy, limits }, [copy.buffer]);
    });
  }

  private start(): Thread {
    const worker = this.spawn(this.bounds);
    // Only a thread with a parse in hand keeps the process alive: an idle one must not hold up exit.
    worker.unref();
    const ready = new Promise<void>((resolve, reject) => {
      worker.once('message', () => resolve());
      worker.once('error', (err) => reject(new Error(`the parse thread did not start: ${err.message}`)));
      worker.once('exit', (code) => reject(new Error(`the parse thread did not start: it exited with code ${code}`)));
    });
    ready.then(() => {
      worker.on('message', (reply: ParseReply) => this.end(worker, { kind: 'reply', reply }));
      worker.on('error', (err: Error & { code?: string }) => this.end(worker, { kind: 'error', code: err.code, message: err.message }));
      worker.on('exit', (code) => this.end(worker, { kind: 'exit', code }));
    }, () => this.forget(worker));
    return { worker, ready };
  }

  private forget(worker: Worker): void {
    if (this.thread?.worker !== worker) return;
    this.thread = null;
    void worker.terminate();
  }

  /** Settles the parse in hand on `worker`; a thread that did not answer is terminated and replaced. */
  private end(worker: Worker, end: ParseEnd): void {
    if (end.kind !== 'reply') this.forget(worker);
    const pending = this.pending;
    if (!pending || pending.worker !== worker) return;
    this.pending = null;
    clearTimeout(pending.timer);
    worker.unref();
    pending.settle(end);
  }
}

/**
 * The thread, from the compiled dist/ (the installed command) or from the TypeScript sources (tests
 * and benchmarks run through tsx): a thread does not inherit a loader registered with `require`, so
 * from the sources it registers tsx itself before loading the .ts file.
 */
export function spawnParseWorker(bounds: ParseBounds): Worker {
  const file = path.join(__dirname, `parse-worker${path.extname(__filename)}`);
  const resourceLimits = { maxOldGenerationSizeMb: bounds.memoryMb, maxYoungGenerationSizeMb: youngGenerationMb(bounds.memoryMb) };
  if (path.extname(file) !== '.ts') return new Worker(file, { resourceLimits });
  const code = `require(${JSON.stringify(require.resolve('tsx/cjs'))}); require(${JSON.stringify(file)});`;
  return new Worker(code, { eval: true, resourceLimits });
}

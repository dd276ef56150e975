// The worker thread that parses one message at a time for bounded-parse.ts. It runs parseMessage
// unchanged; the parent owns the clock and the memory cap and terminates this thread when either is
// passed, so a hostile message costs one thread, never the daemon's own heap or event loop.
import { parentPort } from 'node:worker_threads';
import { parseMessage, type ParseLimits } from './parse';
import { UnparseableMessageError } from './errors';
import type { ParseReply } from './parse-reply';

if (!parentPort) throw new Error('parse-worker runs only as a worker thread');
const port = parentPort;

port.on('message', (request: { raw: Uint8Array; limits: ParseLimits }) => {
  const raw = Buffer.from(request.raw.buffer, request.raw.byteOffset, request.raw.byteLength);
  parseMessage(raw, request.limits).then(
    (parsed): void => port.postMessage({ ok: true, parsed } satisfies ParseReply),
    (err: unknown): void => {
      const reply: ParseReply = err instanceof UnparseableMessageError
        ? { ok: false, unparseable: true, reason: err.reason }
        : { ok: false, unparseable: false, message: err instanceof Error ? err.message : String(err) };
      port.postMessage(reply);
    },
  );
});

// The parent starts the clock on a message only once the parser is loaded.
port.postMessage({ ready: true });

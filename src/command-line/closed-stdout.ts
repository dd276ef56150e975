// `complaintd cases list | head` closes our stdout early; the next write then fails with EPIPE,
// which Node raises as an uncaught error with a stack trace. The reader has what it wanted, so the
// command ends quietly and successfully instead.

interface ErrorEmitter {
  on(event: 'error', listener: (err: NodeJS.ErrnoException) => void): unknown;
}

function isClosedPipe(err: NodeJS.ErrnoException): boolean {
  return err.code === 'EPIPE';
}

/** Installs the handler on `stream` (process.stdout); any other write error is still thrown. */
export function endQuietlyOnClosedPipe(stream: ErrorEmitter, exit: (code: number) => void): void {
  stream.on('error', (err) => {
    if (!isClosedPipe(err)) throw err;
    exit(0);
  });
}

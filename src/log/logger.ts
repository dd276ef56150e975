// The daemon's logger: JSON lines (one stable `event` name per kind of event), readable when on a
// terminal, with personal data (addresses, phones, names, subjects, message text) masked by default.
import winston from 'winston';
import { maskField } from './redact';

export interface LogOptions {
  level: 'error' | 'warn' | 'info' | 'debug';
  format: 'json' | 'pretty' | 'auto';
  maskPersonalData: boolean;
  /** Where lines go; defaults to stderr so command output on stdout stays clean. */
  stream?: NodeJS.WritableStream;
}

export type LogFields = Record<string, unknown>;

export interface Logger {
  error(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  info(event: string, fields?: LogFields): void;
  debug(event: string, fields?: LogFields): void;
  child(fields: LogFields): Logger;
  close(): Promise<void>;
}

export function createLogger(options: LogOptions): Logger {
  const pretty = options.format === 'pretty' || (options.format === 'auto' && process.stderr.isTTY === true);
  // Masks in place: winston keeps its level under Symbol keys that a copied object would lose.
  const mask = winston.format((info) => {
    if (options.maskPersonalData) for (const key of Object.keys(info)) info[key] = maskField(key, info[key]);
    return info;
  });
  const format = winston.format.combine(
    mask(),
    winston.format.timestamp(),
    pretty
      ? winston.format.printf(({ timestamp, level, message, ...rest }) => {
          const extra = Object.keys(rest).length > 0 ? ` ${JSON.stringify(rest)}` : '';
          return `${String(timestamp)} ${level.padEnd(5)} ${String(message)}${extra}`;
        })
      : winston.format.printf(({ message, ...rest }) => JSON.stringify({ ...rest, event: message })),
  );
  const transport = new winston.transports.Stream({ stream: options.stream ?? process.stderr });
  const base = winston.createLogger({ level: options.level, format, transports: [transport] });
  return wrap(base, () => closeLogger(base, transport));
}

// winston's own 'finish' fires before its transports have written everything: wait for the
// transport, bounded so that a stuck stream cannot hold shutdown.
function closeLogger(base: winston.Logger, transport: winston.transport): Promise<void> {
  return new Promise((resolve) => {
    transport.on('finish', () => resolve());
    base.end();
    setTimeout(resolve, 1000).unref();
  });
}

function wrap(w: winston.Logger, close: () => Promise<void>): Logger {
  return {
    error: (event, fields) => w.error(event, fields ?? {}),
    warn: (event, fields) => w.warn(event, fields ?? {}),
    info: (event, fields) => w.info(event, fields ?? {}),
    debug: (event, fields) => w.debug(event, fields ?? {}),
    child: (fields) => wrap(w.child(fields), close),
    close,
  };
}

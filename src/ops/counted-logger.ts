// The logger hook behind complaintd_log_events_total: every warning and error already carries a
// stable event name, so counting them by name needs no change at the places that log.
import type { Logger } from '../log/logger';

export function countedLogger(log: Logger, count: (level: 'warn' | 'error', event: string) => void): Logger {
  return {
    error: (event, fields) => {
      count('error', event);
      log.error(event, fields);
    },
    warn: (event, fields) => {
      count('warn', event);
      log.warn(event, fields);
    },
    info: (event, fields) => log.info(event, fields),
    debug: (event, fields) => log.debug(event, fields),
    child: (fields) => countedLogger(log.child(fields), count),
    close: () => log.close(),
  };
}

// How complaintd talks to PostgreSQL: the connection from a URL or from fields, a bounded pool, and
// numbers that come back as numbers, so the repositories read the same values from both backends.
import type { Knex } from 'knex';
import { types } from 'pg';

export interface PostgresStoreOptions {
  client: 'pg';
  /** postgres://user@host:port/database?sslmode=...; '' when the fields below are used instead. */
  connection: string;
  host: string;
  port: number;
  database: string;
  user: string;
  /** Wins over a password in the URL; '' leaves the URL's (or PGPASSWORD). */
  password: string;
  pool: { min: number; max: number };
}

const INT8_OID = 20;
const NUMERIC_OID = 1700;

// PostgreSQL returns bigint (count(), sum() of integers, bigInteger columns) and numeric (avg()) as
// strings to keep their precision; SQLite returns numbers. Every such value here is a count or a
// UID far below 2^53, so per connection (not pg's global parsers) they are read as numbers.
function parseInt8(text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new RangeError(`bigint ${text} does not fit a JavaScript number`);
  return n;
}

const numberTypes: Knex.PgCustomTypesConfig = {
  getTypeParser: (oid: number, format: string): ((text: string) => unknown) => {
    if (format === 'binary') return types.getTypeParser(oid, 'binary') as (text: string) => unknown;
    if (oid === INT8_OID) return parseInt8;
    if (oid === NUMERIC_OID) return parseFloat;
    return types.getTypeParser(oid, 'text');
  },
};

const ignore = (): void => undefined;

/** knex settings for a PostgreSQL store; `readOnly` sessions refuse every write. */
export function postgresKnexConfig(options: PostgresStoreOptions, mode: { readOnly?: boolean } = {}): Knex.Config {
  const target = options.connection !== ''
    ? { connectionString: withPassword(options.connection, options.password) }
    : { host: options.host, port: options.port, database: options.database, user: options.user, ...(options.password !== '' ? { password: options.password } : {}) };
  return {
    client: 'pg',
    connection: {
      ...target,
      ...(mode.readOnly ? { options: '-c default_transaction_read_only=on' } : {}),
      types: numberTypes,
      // A server that does not answer at all (a dropped network, not a refused port) fails the
      // connect instead of holding the caller forever; pg waits without limit by default.
      connectionTimeoutMillis: 10_000,
      keepAlive: true,
      application_name: 'complaintd',
    },
    pool: { min: options.pool.min, max: options.pool.max },
    // Every failure also reaches the caller as an error, which the daemon's loops log as JSON with
    // their context; knex's own console lines ("Acquire connection error", one per retry while the
    // server is down) would only repeat them outside the log.
    log: { warn: ignore, error: ignore, debug: ignore, deprecate: ignore },
    // A query waits this long for a free connection before it fails: a loop then logs and retries.
    acquireConnectionTimeout: 30_000,
  };
}

// pg lets every part of a connection string win over the fields beside it (an empty password too),
// so the configured password goes into the URL itself.
function withPassword(connection: string, password: string): string {
  if (password === '') return connection;
  const url = new URL(connection);
  url.password = encodeURIComponent(password);
  return url.toString();
}

/** Where the store is, for messages: the URL or the fields, never the password. */
export function describePostgres(options: PostgresStoreOptions): string {
  if (options.connection === '') return `postgres://${options.user}@${options.host}:${options.port}/${options.database}`;
  try {
    const url = new URL(options.connection);
    url.password = '';
    return url.toString();
  } catch {
    return 'the configured PostgreSQL URL';
  }
}

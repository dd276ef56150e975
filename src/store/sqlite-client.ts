// knex's better-sqlite3 client, with each connection keeping its prepared statements. knex prepares
// every query afresh, and with this schema SQLite's prepare cost as much as running the statement
// (about 3 s of 11 s spent in SQLite while the daemon took 1,000 complaints): the repositories send
// the same few hundred SQL texts over and over, so a prepared one is kept and bound again.
import type { Knex } from 'knex';

interface Statement {
  readonly reader: boolean;
  all(bindings: unknown[]): unknown[];
  run(bindings: unknown[]): { changes: number; lastInsertRowid: number | bigint };
}

interface Connection {
  prepare(sql: string): Statement;
}

interface Query {
  sql: string;
  bindings?: unknown[];
  options?: unknown;
  response?: unknown;
  context?: { lastID: number | bigint; changes: number };
}

interface BetterSqlite3Client {
  _formatBindings(bindings: unknown[] | undefined): unknown[];
  _query(connection: Connection, obj: Query): Promise<Query>;
}

// knex ships the dialect without types; only the two methods used here are relied on.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Base = require('knex/lib/dialects/better-sqlite3') as new (config: Knex.Config) => BetterSqlite3Client;

/**
 * Texts kept per connection. A query with a list (`in (?, ?, ...)`) has a text per list length, so
 * the number of texts is not fixed; past this many the cache starts again rather than grow.
 */
export const STATEMENTS_KEPT = 500;

const prepared = new WeakMap<Connection, Map<string, Statement>>();

/** The connection's prepared statement for `sql`, prepared on first use. */
export function preparedStatement(connection: Connection, sql: string): Statement {
  let kept = prepared.get(connection);
  if (!kept) {
    kept = new Map();
    prepared.set(connection, kept);
  }
  let statement = kept.get(sql);
  if (!statement) {
    statement = connection.prepare(sql);
    if (kept.size >= STATEMENTS_KEPT) kept.clear();
    kept.set(sql, statement);
  }
  return statement;
}

class CachingBetterSqlite3Client extends Base {
  override async _query(connection: Connection, obj: Query): Promise<Query> {
    if (!obj.sql) throw new Error('The query is empty');
    const statement = preparedStatement(connection, obj.sql);
    const bindings = this._formatBindings(obj.bindings);
    if (statement.reader) {
      obj.response = statement.all(bindings);
      return obj;
    }
    const response = statement.run(bindings);
    obj.response = response;
    obj.context = { lastID: response.lastInsertRowid, changes: response.changes };
    return obj;
  }
}

/** For knex's `client` setting. */
export const SqliteClient = CachingBetterSqlite3Client as unknown as NonNullable<Knex.Config['client']>;

// Whether an error means "the database cannot be reached right now" rather than "this work failed".
// A message being processed when PostgreSQL went away did nothing wrong: retrying it must not use up
// the attempts that quarantine a message which really keeps failing.

// SQLSTATE class 08 (connection exception); 57P01-57P03: the server is shutting down, crashed, or
// is not accepting connections yet.
const UNAVAILABLE_SQLSTATE = /^(08...|57P0[123])$/;
// What Node's sockets say when the server is not there, refuses, or drops us.
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
// pg's own words for a connection that ended under a query, and knex's for a pool with none to give
// (knex puts the query's SQL in front of a query's error message).
const UNAVAILABLE_MESSAGE = /(^| - )(Connection terminated|Client has encountered a connection error|Knex: Timeout acquiring a connection)/;

export function isStoreUnavailable(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const { code, message } = err as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (UNAVAILABLE_SQLSTATE.test(code) || NETWORK_CODES.has(code))) return true;
  return typeof message === 'string' && UNAVAILABLE_MESSAGE.test(message);
}

/**
 * PostgreSQL broke a deadlock by failing this transaction (40P01): it left nothing behind and the
 * same work, tried again, normally goes through. The other transaction went on.
 */
export function isDeadlock(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === '40P01';
}

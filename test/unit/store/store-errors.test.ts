import { expect } from 'chai';
import { isDeadlock, isStoreUnavailable } from '../../../src/store/store-errors';

describe('telling an unreachable database from a failed piece of work', () => {
  it('a refused or dropped connection, a server shutting down and an empty pool mean the database is away', () => {
    const away = [
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:55432'), { code: 'ECONNREFUSED' }),
      Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
      Object.assign(new Error('the database system is starting up'), { code: '57P03' }),
      Object.assign(new Error('connection failure'), { code: '08006' }),
      new Error('Connection terminated unexpectedly'),
      new Error('select count(*) as "n" from "cases" limit $1 - Connection terminated unexpectedly'),
      new Error('Knex: Timeout acquiring a connection. The pool is probably full.'),
    ];
    for (const err of away) expect(isStoreUnavailable(err), err.message).to.equal(true);
  });

  it('a constraint violation, a syntax error or a bug in our code is the work failing', () => {
    const failed = [
      Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' }),
      Object.assign(new Error('syntax error at or near'), { code: '42601' }),
      Object.assign(new Error('SQLITE_CONSTRAINT: UNIQUE constraint failed'), { code: 'SQLITE_CONSTRAINT' }),
      new TypeError("Cannot read properties of undefined (reading 'id')"),
      new Error('a subject saying Connection terminated unexpectedly is only words'),
      'not even an error',
      null,
    ];
    for (const err of failed) expect(isStoreUnavailable(err), String(err)).to.equal(false);
  });

  it('a deadlock PostgreSQL broke is told apart from other failures, so the work can be tried again', () => {
    expect(isDeadlock(Object.assign(new Error('deadlock detected'), { code: '40P01' }))).to.equal(true);
    expect(isDeadlock(Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' }))).to.equal(false);
    expect(isDeadlock(new Error('deadlock detected'))).to.equal(false);
    expect(isDeadlock(null)).to.equal(false);
  });
});

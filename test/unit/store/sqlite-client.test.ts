import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { openStore, type Db } from '../../../src/store/db';
import { preparedStatement, STATEMENTS_KEPT } from '../../../src/store/sqlite-client';

function countingConnection(): { connection: Parameters<typeof preparedStatement>[0]; prepared: string[] } {
  const prepared: string[] = [];
  const connection = {
    prepare(sql: string) {
      prepared.push(sql);
      return { reader: true, all: () => [], run: () => ({ changes: 0, lastInsertRowid: 0 }) };
    },
  };
  return { connection, prepared };
}

describe('the embedded store keeping its prepared statements', () => {
  let dir: string;
  let db: Db;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'complaintd-sqlite-client-'));
    db = openStore({ client: 'sqlite3', filename: path.join(dir, 'store.sqlite') });
  });

  afterEach(async () => {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('prepares a text once per connection and binds it again for each query', () => {
    const one = countingConnection();
    const other = countingConnection();
    const first = preparedStatement(one.connection, 'select 1');
    expect(preparedStatement(one.connection, 'select 1')).to.equal(first);
    preparedStatement(other.connection, 'select 1');
    expect(one.prepared).to.deep.equal(['select 1']);
    expect(other.prepared).to.deep.equal(['select 1']);
  });

  it('starts again instead of growing once it holds its limit of texts', () => {
    const { connection, prepared } = countingConnection();
    for (let i = 0; i <= STATEMENTS_KEPT; i++) preparedStatement(connection, `select ${i}`);
    preparedStatement(connection, `select ${STATEMENTS_KEPT}`);
    preparedStatement(connection, 'select 0');
    expect(prepared).to.have.length(STATEMENTS_KEPT + 2);
    expect(prepared.at(-1)).to.equal('select 0');
  });

  it('a kept statement answers with the table as a later migration left it', async () => {
    await db.schema.createTable('t', (t) => {
      t.increments('id');
      t.string('a');
    });
    await db('t').insert({ a: 'x' });
    expect(await db('t').select('*')).to.deep.equal([{ id: 1, a: 'x' }]);
    await db.schema.alterTable('t', (t) => t.string('b').defaultTo('y'));
    expect(await db('t').select('*')).to.deep.equal([{ id: 1, a: 'x', b: 'y' }]);
  });

  it('runs writes with inserted ids and changed-row counts as knex reports them', async () => {
    await db.schema.createTable('t', (t) => {
      t.increments('id');
      t.string('a');
    });
    const [id] = await db('t').insert({ a: 'x' });
    const [second] = await db('t').insert({ a: 'y' }).returning('id');
    expect(id).to.equal(1);
    expect(second).to.deep.equal({ id: 2 });
    expect(await db('t').update({ a: 'z' })).to.equal(2);
    expect(await db('t').where({ id: 3 }).del()).to.equal(0);
  });

  it('syncs every commit to disk, so an acknowledged registration survives a power cut, and keeps the 2 MB page cache', async () => {
    // better-sqlite3 is built to default to NORMAL (1) in WAL mode; FULL is 2.
    expect(await db.raw('PRAGMA synchronous')).to.deep.equal([{ synchronous: 2 }]);
    expect(await db.raw('PRAGMA journal_mode')).to.deep.equal([{ journal_mode: 'wal' }]);
    expect(await db.raw('PRAGMA foreign_keys')).to.deep.equal([{ foreign_keys: 1 }]);
    expect(await db.raw('PRAGMA cache_size')).to.deep.equal([{ cache_size: -2000 }]);
  });

  it('a store opened to look refuses writes', async () => {
    await db.schema.createTable('t', (t) => t.increments('id'));
    const looking = openStore({ client: 'sqlite3', filename: path.join(dir, 'store.sqlite') }, { readOnly: true });
    try {
      expect(await looking('t').count({ n: '*' })).to.deep.equal([{ n: 0 }]);
      let refused: unknown = null;
      await looking('t').insert({}).catch((err: unknown) => (refused = err));
      expect(String(refused)).to.match(/readonly|read-only|query_only/i);
    } finally {
      await looking.destroy();
    }
  });
});

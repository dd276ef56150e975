import { expect } from 'chai';
import { describePostgres, postgresKnexConfig, type PostgresStoreOptions } from '../../../src/store/pg-options';

const FIELDS: PostgresStoreOptions = { client: 'pg', connection: '', host: 'db.example.org', port: 5433, database: 'cmp', user: 'app', password: '', pool: { min: 0, max: 4 } };

function connectionOf(options: PostgresStoreOptions, mode = {}): Record<string, unknown> {
  return postgresKnexConfig(options, mode).connection as Record<string, unknown>;
}

describe('connecting to PostgreSQL', () => {
  it('a configured password goes into the URL itself, since pg lets the URL win over the fields beside it', () => {
    const url = connectionOf({ ...FIELDS, connection: 'postgres://app:old@db.example.org/cmp?sslmode=require', password: 'p@ss/w%rd' }).connectionString as string;
    expect(new URL(url).password).to.equal(encodeURIComponent('p@ss/w%rd'));
    expect(decodeURIComponent(new URL(url).password)).to.equal('p@ss/w%rd');
    expect(url).to.contain('sslmode=require');
  });

  it('without a URL the fields are used, and no password field is sent when none is configured', () => {
    expect(connectionOf(FIELDS)).to.include({ host: 'db.example.org', port: 5433, database: 'cmp', user: 'app' }).and.not.to.have.property('password');
    expect(connectionOf({ ...FIELDS, password: 'x' })).to.include({ password: 'x' });
  });

  it('a read-only session refuses writes by default', () => {
    expect(connectionOf(FIELDS, { readOnly: true })).to.include({ options: '-c default_transaction_read_only=on' });
    expect(connectionOf(FIELDS)).not.to.have.property('options');
  });

  it('counts and sums come back as numbers; a bigint too large for one is an error, not a wrong number', () => {
    const types = connectionOf(FIELDS).types as { getTypeParser(oid: number, format: string): (text: string) => unknown };
    expect(types.getTypeParser(20, 'text')('42')).to.equal(42);
    expect(types.getTypeParser(1700, 'text')('0.25')).to.equal(0.25);
    expect(() => types.getTypeParser(20, 'text')('9007199254740993')).to.throw(RangeError);
    expect(types.getTypeParser(25, 'text')('text stays text')).to.equal('text stays text');
  });

  it('where the store is, as messages show it, never holds the password', () => {
    expect(describePostgres(FIELDS)).to.equal('postgres://app@db.example.org:5433/cmp');
    expect(describePostgres({ ...FIELDS, connection: 'postgres://app:secret@db.example.org/cmp' })).to.equal('postgres://app@db.example.org/cmp');
  });
});

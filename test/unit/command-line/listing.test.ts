import { expect } from 'chai';
import { EventEmitter } from 'node:events';
import { InvalidArgumentError } from 'commander';
import { listingFooter, positiveInteger, writeListing } from '../../../src/command-line/listing';
import { endQuietlyOnClosedPipe } from '../../../src/command-line/closed-stdout';

describe('listing commands', () => {
  it('--limit takes a positive whole number', () => {
    expect(['1', '500', ' 42 '].map(positiveInteger)).to.deep.equal([1, 500, 42]);
  });

  it('--limit refuses zero, negatives, fractions, words and nothing with a clear reason', () => {
    for (const bad of ['0', '-5', '2.5', 'abc', '', '1e3', '99999999999999999999']) {
      expect(() => positiveInteger(bad), bad).to.throw(InvalidArgumentError, 'must be a positive whole number, such as 500');
    }
  });

  it('a list shown whole ends with its count', () => {
    expect(listingFooter(12, 12, 'case(s)')).to.equal('12 case(s)');
  });

  it('a list cut short says how much is shown of how many, and how to see more', () => {
    expect(listingFooter(100, 449, 'message(s)')).to.equal('first 100 of 449 message(s), use --limit to see more');
  });
});

describe('a listing printed for people or as JSON lines', () => {
  const listing = (json: boolean, total: number) => {
    const out: string[] = [];
    const err: string[] = [];
    writeListing({ rows: [{ id: 1, name: 'a' }, { id: 2, name: 'b' }], total, noun: 'row(s)', json, line: (r) => `#${r.id} ${r.name}`, record: (r) => ({ id: r.id, name: r.name }) }, {
      out: (l) => void out.push(l), err: (l) => void err.push(l),
    });
    return { out, err };
  };

  it('for people: one line per row and the footer', () => {
    expect(listing(false, 2)).to.deep.equal({ out: ['#1 a', '#2 b', '2 row(s)'], err: [] });
  });

  it('--json: one object per line and nothing else on stdout, even when the list is cut short', () => {
    expect(listing(true, 2)).to.deep.equal({ out: ['{"id":1,"name":"a"}', '{"id":2,"name":"b"}'], err: [] });
    const cut = listing(true, 5);
    expect(cut.out.map((l) => JSON.parse(l) as unknown)).to.deep.equal([{ id: 1, name: 'a' }, { id: 2, name: 'b' }]);
    expect(cut.err).to.deep.equal(['first 2 of 5 row(s), use --limit to see more']);
  });
});

describe('a command whose reader stopped reading', () => {
  const epipe = Object.assign(new Error('write EPIPE'), { code: 'EPIPE' });

  it('ends with success when its output pipe is closed', () => {
    const stdout = new EventEmitter();
    const exits: number[] = [];
    endQuietlyOnClosedPipe(stdout, (code) => exits.push(code));
    stdout.emit('error', epipe);
    expect(exits).to.deep.equal([0]);
  });

  it('still fails on any other write error', () => {
    const stdout = new EventEmitter();
    endQuietlyOnClosedPipe(stdout, () => undefined);
    expect(() => stdout.emit('error', Object.assign(new Error('no space'), { code: 'ENOSPC' }))).to.throw('no space');
  });
});

import { expect } from 'chai';
import { destinationFolder, hasUidValidityChanged, isOverSizeLimit, nextUids, planSync, readableSource, takeWithinBytes, unreadableReason } from '../../../src/intake/sync-decisions';

describe('mailbox sync decisions', () => {
  it('a mailbox never seen before is read from the start', () => {
    expect(planSync(null, '1700000000')).to.deep.equal({ action: 'first-sync', afterUid: 0 });
  });

  it('an unchanged UIDVALIDITY resumes after the watermark', () => {
    expect(planSync({ uidvalidity: '1700000000', lastUid: 42 }, '1700000000')).to.deep.equal({ action: 'resume', afterUid: 42 });
  });

  it('a changed UIDVALIDITY re-baselines from the start and remembers the old value', () => {
    expect(planSync({ uidvalidity: '1700000000', lastUid: 42 }, '1800000000')).to.deep.equal({ action: 'rebaseline', afterUid: 0, previous: '1700000000' });
  });

  it('UIDVALIDITY is compared as text, so values beyond 2^53 are not confused', () => {
    expect(hasUidValidityChanged({ uidvalidity: '18446744073709551615', lastUid: 1 }, '18446744073709551614')).to.equal(true);
  });

  it('the last UID that a N:* search always returns is not fetched again', () => {
    expect(nextUids([42], 42, 50)).to.deep.equal([]);
  });

  it('new UIDs are fetched oldest first, a batch at a time', () => {
    expect(nextUids([50, 44, 43, 45, 43], 42, 3)).to.deep.equal([43, 44, 45]);
  });

  it('quarantined mail goes to Quarantine, journal copies of our letters to Sent, everything else to Processed', () => {
    const folders = { processed: 'Processed', quarantine: 'Quarantine', sent: 'Sent' };
    expect(['registered', 'follow_up', 'automated', 'duplicate', 'quarantined', 'own_copy'].map((s) => destinationFolder(s, folders))).to.deep.equal([
      'Processed', 'Processed', 'Processed', 'Processed', 'Quarantine', 'Sent',
    ]);
  });

  it('a fetched message with bytes is readable as it came', () => {
    const source = Buffer.from('Subject: x\r\n\r\nhi');
    expect(readableSource({ source })).to.equal(source);
  });

  it('a UID the server left out, sent without a source or with an empty one has no readable bytes', () => {
    expect([undefined, {}, { source: undefined }, { source: Buffer.alloc(0) }].map(readableSource)).to.deep.equal([null, null, null, null]);
  });

  it('the quarantine reason says whether the message was gone or came without its content', () => {
    expect(unreadableReason(7, undefined)).to.equal('the server returned no message for UID 7, asked twice (deleted from the mailbox meanwhile?)');
    expect(unreadableReason(7, {})).to.equal('the server returned UID 7 without its content, asked twice');
  });
});

describe('fetching within the size limit', () => {
  const sizes = (entries: Array<[number, number | undefined]>): Map<number, number | undefined> => new Map(entries);

  it('a message is over the limit only when the server gave a size above it', () => {
    expect([isOverSizeLimit(101, 100), isOverSizeLimit(100, 100), isOverSizeLimit(undefined, 100)]).to.deep.equal([true, false, false]);
  });

  it('UIDs are taken while their bytes together stay within the limit, one at least', () => {
    expect(takeWithinBytes([1, 2, 3], sizes([[1, 40], [2, 40], [3, 40]]), 100)).to.deep.equal([1, 2]);
    expect(takeWithinBytes([1, 2], sizes([[1, 100], [2, 1]]), 100)).to.deep.equal([1]);
  });

  it('a message over the limit costs nothing (only its header block is read), and one of unknown size costs the limit', () => {
    expect(takeWithinBytes([1, 2, 3], sizes([[1, 5000], [2, 50], [3, 50]]), 100)).to.deep.equal([1, 2, 3]);
    expect(takeWithinBytes([1, 2], sizes([[1, undefined], [2, 1]]), 100)).to.deep.equal([1]);
  });
});

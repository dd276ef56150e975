import { expect } from 'chai';
import { eraseMailboxCopies, type EraseClient } from '../../../src/privacy/mailbox-erase';

/** A server whose Processed folder holds two messages whose Message-IDs contain "a@x". */
function fakeServer(): EraseClient & { deleted: string[] } {
  const ids: Record<number, string> = { 1: '<a@x>', 2: '<za@x>' };
  const deleted: string[] = [];
  return {
    deleted,
    list: async () => [{ path: 'INBOX' }, { path: 'Processed' }],
    getMailboxLock: async () => ({ release: () => undefined }),
    search: async (q) => Object.entries(ids).filter(([, id]) => id.includes(q.header['message-id'] ?? '?')).map(([uid]) => Number(uid)),
    fetch: async function* (range) {
      for (const uid of range.split(',').map(Number)) yield { uid, envelope: { messageId: ids[uid] } };
    },
    messageDelete: async (range) => {
      deleted.push(range);
      return true;
    },
  };
}

describe('deleting the mail server\'s copies of a forgotten client\'s mail', () => {
  it('deletes only the message whose Message-ID is exactly the one asked for, though the search matches more', async () => {
    const server = fakeServer();
    expect(await eraseMailboxCopies(server, [{ folder: 'Processed', messageId: 'a@x' }])).to.deep.equal({ deleted: 1, notFound: 0 });
    expect(server.deleted).to.deep.equal(['1']);
  });
  it('counts a copy gone already, or in a folder that is not there, as not found', async () => {
    const server = fakeServer();
    expect(await eraseMailboxCopies(server, [{ folder: 'Processed', messageId: 'b@x' }, { folder: 'Sent', messageId: 'a@x' }])).to.deep.equal({ deleted: 0, notFound: 2 });
    expect(server.deleted).to.deep.equal([]);
  });
});

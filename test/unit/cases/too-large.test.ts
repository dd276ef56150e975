import { expect } from 'chai';
import { decideTooLargeAnswer, megabytes, tooLargeReason } from '../../../src/cases/too-large';

describe('answering a message too large to read', () => {
  it('a new complaint is registered from its headers under the default policy, and only told under "too-large"', () => {
    expect(decideTooLargeAnswer({ outcome: 'registered', reason: 'new' }, 'registered')).to.deep.equal({ kind: 'register' });
    expect(decideTooLargeAnswer({ outcome: 'registered', reason: 'new' }, 'too-large')).to.deep.equal({ kind: 'tell' });
  });

  it('a reply to a case goes on that case whatever the policy; its client is told only when the client wrote it', () => {
    expect(decideTooLargeAnswer({ outcome: 'follow_up', reason: 'tag', fromClient: true }, 'too-large')).to.deep.equal({ kind: 'follow_up', tellClient: true });
    expect(decideTooLargeAnswer({ outcome: 'follow_up', reason: 'tag', fromClient: false }, 'registered')).to.deep.equal({ kind: 'follow_up', tellClient: false });
  });

  it('automated mail, a duplicate, a bounce or a message without a sender is answered by nobody, with the reason', () => {
    for (const outcome of ['automated', 'duplicate', 'bounce', 'quarantined'] as const) {
      expect(decideTooLargeAnswer({ outcome, reason: `why ${outcome}` }, 'registered')).to.deep.equal({ kind: 'none', why: `why ${outcome}` });
    }
  });

  it('the reason names the size, the limit and where the message is kept', () => {
    expect(megabytes(26_214_400)).to.equal('25.0');
    expect(tooLargeReason({ size: 31_457_280, limit: 26_214_400, mailbox: 'INBOX', uid: 7 }))
      .to.equal('too large: 31457280 bytes (30.0 MB), over mail.maxMessageBytes 26214400; only its header block was read, the message is kept whole in the mailbox (UID 7 of INBOX, moved to the quarantine folder)');
  });
});

import { expect } from 'chai';
import { originalLetter } from '../../../src/mail/original-letter';

describe('finding the letter a report returns', () => {
  it('the returned headers part gives the Message-ID and recipients', () => {
    const letter = originalLetter(['Message-ID: <case-7@org.example.test>\r\nTo: Anna <Anna@example.test>,\r\n boris@example.test\r\nCc: vera@example.test'], null);
    expect(letter).to.deep.equal({ messageId: 'case-7@org.example.test', recipients: ['anna@example.test', 'boris@example.test', 'vera@example.test'] });
  });

  it('a pasted copy is read when there is no headers part, indented copies too', () => {
    const pasted = '------ This is a copy of the message ------\n\n   Return-Path: <us@org.example.test>\n   Message-Id: <case-8@org.example.test>\n   To: anna@example.test\n\n   Message-Id: <quoted@elsewhere.test>\n';
    expect(originalLetter([], pasted)).to.deep.equal({ messageId: 'case-8@org.example.test', recipients: ['anna@example.test'] });
  });

  it('nothing returned, nothing found', () => {
    expect(originalLetter([], null)).to.deep.equal({ messageId: null, recipients: [] });
  });
});

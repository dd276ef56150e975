import { expect } from 'chai';
import { toBodyText, toSingleLine } from '../../../src/mail/plain-text';

describe('cleaning text from a message', () => {
  it('a body keeps its line breaks and tabs but loses NUL and other control characters', () => {
    expect(toBodyText('line 1\r\n\tline\u0000 2\u001b[31m')).to.equal('line 1\r\n\tline 2[31m');
  });

  it('a one-line field cannot carry a line break into a header we write', () => {
    expect(toSingleLine('Жалоба\r\nBcc: everyone@example.test', 1000)).to.equal('Жалоба Bcc: everyone@example.test');
  });

  it('a one-line field loses bidirectional overrides and isolates, so a subject or name cannot display reversed', () => {
    expect(toSingleLine('Счёт \u202Efdp.exe\u202C за май', 100)).to.equal('Счёт fdp.exe за май');
    expect(toSingleLine('\u2067Anna\u2069 \u202Bשלום\u202C', 100)).to.equal('Anna שלום');
  });

  it('a one-line field is cut to its limit without splitting an emoji', () => {
    expect(toSingleLine('ab😀', 3)).to.equal('ab');
  });
});

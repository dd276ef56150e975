import { expect } from 'chai';
import { safeFileName } from '../../../src/mail/safe-file-name';

describe('making attachment names safe', () => {
  it('path parts are dropped, Unix and Windows alike', () => {
    expect(safeFileName('../../etc/passwd', 1, 'text/plain')).to.equal('passwd');
    expect(safeFileName('C:\\Users\\anna\\Документы\\акт.pdf', 1, 'application/pdf')).to.equal('акт.pdf');
  });

  it('control characters and right-to-left overrides are removed, so the real extension shows', () => {
    expect(safeFileName('invoice\u202Efdp.exe', 1, 'application/octet-stream')).to.equal('invoicefdp.exe');
    expect(safeFileName('a\u0000b\r\nc.txt', 1, 'text/plain')).to.equal('abc.txt');
  });

  it('characters Windows forbids become underscores', () => {
    expect(safeFileName('отчёт: "март" <final>?.docx', 1, 'application/octet-stream')).to.equal('отчёт_ _март_ _final__.docx');
  });

  it('a Windows device name gets a prefix', () => {
    expect(safeFileName('CON', 1, 'application/octet-stream')).to.equal('_CON');
    expect(safeFileName('aux.txt', 1, 'text/plain')).to.equal('_aux.txt');
    expect(safeFileName('console.txt', 1, 'text/plain')).to.equal('console.txt');
  });

  it('a long Cyrillic name is shortened to 200 bytes and keeps its extension', () => {
    const name = safeFileName(`${'претензия '.repeat(40)}.xlsx`, 1, 'application/octet-stream');
    expect(Buffer.byteLength(name)).to.be.at.most(200);
    expect(name).to.match(/^претензия претензия .*\.xlsx$/);
  });

  it('a 1000-character name is shortened to 200 bytes and keeps its extension', () => {
    const name = safeFileName(`${'a'.repeat(1000)}.pdf`, 1, 'application/pdf');
    expect(name).to.equal(`${'a'.repeat(196)}.pdf`);
  });

  it('dots and spaces at the ends are trimmed', () => {
    expect(safeFileName('  .hidden.txt. ', 1, 'text/plain')).to.equal('hidden.txt');
  });

  it('a name with nothing usable left falls back to its position and a type-based extension', () => {
    expect(safeFileName(undefined, 3, 'application/pdf')).to.equal('attachment-3.pdf');
    expect(safeFileName('../..', 1, 'application/x-unknown')).to.equal('attachment-1.bin');
  });

  it('a decomposed name from a Mac is stored in composed form', () => {
    expect(safeFileName('и\u0306од.txt', 1, 'text/plain')).to.equal('йод.txt');
  });
});

import { expect } from 'chai';
import { outlineMime } from '../../../src/mail/mime-outline';

const NESTED = [
  'From: a@example.test',
  'Content-Type: multipart/mixed; boundary="outer"',
  '',
  '--outer',
  'Content-Type: multipart/alternative; boundary=inner',
  '',
  '--inner',
  'Content-Type: text/plain; charset=KOI8-R',
  '',
  'text',
  '--inner',
  'Content-Type: text/html;',
  '\tcharset="windows-1251"',
  '',
  '<p>html</p>',
  '--inner--',
  '--outer',
  'Content-Type: text/plain; charset=iso-8859-5',
  'Content-Disposition: attachment; filename=notes.txt',
  '',
  'attached text',
  '--outer--',
  '',
].join('\r\n');

describe('outlining the MIME structure', () => {
  it('the charsets of inline text parts are listed lower-cased in order, attachments left out', () => {
    expect(outlineMime(Buffer.from(NESTED)).textCharsets).to.deep.equal(['koi8-r', 'windows-1251']);
  });

  it('every part has its header block, and the blocks hold exactly the header lines', () => {
    const raw = Buffer.from(NESTED);
    const blocks = outlineMime(raw).headerBlocks.map((b) => raw.subarray(b.start, b.end).toString().trim().split('\r\n')[0]);
    expect(blocks).to.deep.equal([
      'From: a@example.test',
      'Content-Type: multipart/alternative; boundary=inner',
      'Content-Type: text/plain; charset=KOI8-R',
      'Content-Type: text/html;',
      'Content-Type: text/plain; charset=iso-8859-5',
    ]);
  });

  it('a boundary that is only a prefix of a longer one does not split the part', () => {
    const raw = Buffer.from('Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain; charset=utf-8\n\n--bb is text\n--b--\n');
    expect(outlineMime(raw).headerBlocks).to.have.length(2);
  });

  it('nesting past the depth limit is not followed', () => {
    let raw = '';
    for (let i = 0; i < 200; i++) raw += `Content-Type: multipart/mixed; boundary=b${i}\n\n--b${i}\n`;
    expect(outlineMime(Buffer.from(raw)).headerBlocks).to.have.length(51);
  });

  it('every leaf part is listed with its media type, transfer encoding and content range', () => {
    const raw = Buffer.from(NESTED);
    const leaves = outlineMime(raw).leaves.map((leaf) => [leaf.mediaType, leaf.transferEncoding, raw.subarray(leaf.body.start, leaf.body.end).toString().trim()]);
    expect(leaves).to.deep.equal([
      ['text/plain', '7bit', 'text'],
      ['text/html', '7bit', '<p>html</p>'],
      ['text/plain', '7bit', 'attached text'],
    ]);
  });

  it('a message that is not multipart is one leaf, text/plain when it declares no type', () => {
    const leaves = outlineMime(Buffer.from('From: a@example.test\nContent-Transfer-Encoding: BASE64\n\naGk=\n')).leaves;
    expect(leaves.map((l) => [l.mediaType, l.transferEncoding])).to.deep.equal([['text/plain', 'base64']]);
  });
});

import { expect } from 'chai';
import { headerMap } from '../../../src/mail/header-map';

describe('the headers map', () => {
  it('folded values are unfolded and repeated headers keep every value in order', () => {
    const headers = headerMap([
      { key: 'received', line: 'Received: from a\r\n\tby b' },
      { key: 'received', line: 'Received: from c by d' },
    ]);
    expect(headers['received']).to.deep.equal(['from a by b', 'from c by d']);
  });

  it('values are decoded from UTF-8 bytes and encoded words are left as sent', () => {
    const utf8AsLatin1 = Buffer.from('X-Note: жалоба =?utf-8?B?0JY=?=').toString('latin1');
    expect(headerMap([{ key: 'x-note', line: utf8AsLatin1 }])['x-note']).to.deep.equal(['жалоба =?utf-8?B?0JY=?=']);
  });

  it('a header called __proto__ stays a header and does not change the map', () => {
    const headers = headerMap([{ key: '__proto__', line: '__proto__: polluted' }]);
    expect(headers['__proto__']).to.deep.equal(['polluted']);
    expect(Object.getPrototypeOf(headers)).to.equal(null);
  });

  it('a line without a valid field name is not a header', () => {
    expect(Object.keys(headerMap([{ key: '', line: 'garbage' }, { key: 'from mailer-daemon', line: 'From MAILER-DAEMON: x' }]))).to.deep.equal([]);
  });
});

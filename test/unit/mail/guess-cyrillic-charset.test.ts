import { expect } from 'chai';
import { guessCyrillicCharset } from '../../../src/mail/guess-cyrillic-charset';

/** Encodes Russian letters (no Ё) into a single-byte charset, using its table of bytes 0xC0-0xFF. */
function encode(text: string, charset: 'windows-1251' | 'koi8-r'): Uint8Array {
  const table = new TextDecoder(charset).decode(Uint8Array.from({ length: 64 }, (_, i) => 0xc0 + i));
  return Uint8Array.from([...text].map((c) => (table.includes(c) ? 0xc0 + table.indexOf(c) : c.charCodeAt(0))));
}

describe('guessing the Cyrillic charset of raw bytes', () => {
  it('a windows-1251 sentence is windows-1251', () => {
    expect(guessCyrillicCharset(encode('Жалоба на обслуживание', 'windows-1251'))).to.equal('windows-1251');
  });

  it('a KOI8-R sentence is KOI8-R', () => {
    expect(guessCyrillicCharset(encode('Жалоба на обслуживание', 'koi8-r'))).to.equal('koi8-r');
  });

  it('capitals are told apart by their letters, not their case', () => {
    expect(guessCyrillicCharset(encode('ЖАЛОБА НА ОТОПЛЕНИЕ', 'windows-1251'))).to.equal('windows-1251');
    expect(guessCyrillicCharset(encode('ЖАЛОБА НА ОТОПЛЕНИЕ', 'koi8-r'))).to.equal('koi8-r');
  });
});

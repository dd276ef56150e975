import { expect } from 'chai';
import { repairHeaderBytes } from '../../../src/mail/header-bytes';
import { outlineMime } from '../../../src/mail/mime-outline';

function repaired(raw: Buffer): string {
  const outline = outlineMime(raw);
  return repairHeaderBytes(raw, outline.headerBlocks, outline.textCharsets).toString('utf8');
}

describe('repairing raw 8-bit header bytes', () => {
  const cp1251Subject = Buffer.from([0xc6, 0xe0, 0xeb, 0xee, 0xe1, 0xe0]); // "Жалоба"

  it('a raw windows-1251 subject is re-encoded as UTF-8 when the body declares windows-1251', () => {
    const raw = Buffer.concat([Buffer.from('Subject: '), cp1251Subject, Buffer.from('\nContent-Type: text/plain; charset=windows-1251\n\nbody')]);
    expect(repaired(raw)).to.equal('Subject: Жалоба\nContent-Type: text/plain; charset=windows-1251\n\nbody');
  });

  it('the declared charset wins over the guess, so a Western raw header stays Western', () => {
    const raw = Buffer.concat([Buffer.from('Subject: M'), Buffer.from([0xfc]), Buffer.from('ller\nContent-Type: text/plain; charset=windows-1252\n\n')]);
    expect(repaired(raw)).to.match(/^Subject: Müller\n/);
  });

  it('body bytes are never touched, only header lines', () => {
    const body = Buffer.from([0xc6, 0xe0, 0xeb, 0xee, 0xe1, 0xe0]);
    const raw = Buffer.concat([Buffer.from('Subject: ok\nContent-Type: text/plain; charset=windows-1251\n\n'), body]);
    const outline = outlineMime(raw);
    expect(repairHeaderBytes(raw, outline.headerBlocks, outline.textCharsets)).to.equal(raw);
  });

  it('a message whose headers are already UTF-8 comes back as the same buffer', () => {
    const raw = Buffer.from('Subject: Жалоба\nContent-Type: text/plain; charset=koi8-r\n\nbody');
    const outline = outlineMime(raw);
    expect(repairHeaderBytes(raw, outline.headerBlocks, outline.textCharsets)).to.equal(raw);
  });
});

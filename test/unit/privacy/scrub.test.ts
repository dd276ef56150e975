import { expect } from 'chai';
import { FORGOTTEN, isUnsentLetter, namesAddress, newPseudonym, scrubRaw, scrubText, type Scrubber } from '../../../src/privacy/scrub';

const s: Scrubber = { address: 'anna.p@example.test', pseudonym: 'forgotten-1@forgotten.invalid', names: ['Анна Петрова', 'Ан'] };

describe('rewriting a forgotten client\'s data', () => {
  it('replaces the address in any case by the pseudonym and the name by a marker', () => {
    expect(scrubText('mail_loop:ANNA.P@example.test:2026-11-27, told Анна Петрова', s)).to.equal(`mail_loop:${s.pseudonym}:2026-11-27, told ${FORGOTTEN}`);
  });
  it('reads the address literally: a dot in it matches only a dot', () => {
    expect(scrubText('annaxp@example.test', s)).to.equal('annaxp@example.test');
  });
  it('leaves a name of two letters alone rather than garble every word it occurs in', () => {
    expect(scrubText('Анкета', s)).to.equal('Анкета');
  });
  it('rewrites someone else\'s raw message byte for byte but for the client\'s address and name', () => {
    const raw = Buffer.concat([Buffer.from('Cc: Анна Петрова <anna.p@example.test>\r\n\r\n', 'utf8'), Buffer.from([0xff, 0xfe])]);
    const out = scrubRaw(raw, s);
    expect(out.subarray(0, -2).toString('utf8')).to.equal(`Cc: ${FORGOTTEN} <${s.pseudonym}>\r\n\r\n`);
    expect([...out.subarray(-2)]).to.deep.equal([0xff, 0xfe]);
  });
  it('a letter not yet gone is cancelled; one sent, failed or bounced is emptied', () => {
    expect((['queued', 'retry_wait', 'sending'] as const).every(isUnsentLetter)).to.equal(true);
    expect((['sent', 'failed', 'bounced', 'suppressed', 'cancelled'] as const).some(isUnsentLetter)).to.equal(false);
  });
  it('finds the address in a comma-separated list exactly, not inside a longer address', () => {
    expect(namesAddress('staff@example.test,anna.p@example.test', s.address)).to.equal(true);
    expect(namesAddress('xanna.p@example.test', s.address)).to.equal(false);
  });
  it('a pseudonym can never be mailed', () => {
    expect(newPseudonym(() => 'abc')).to.equal('forgotten-abc@forgotten.invalid');
  });
});

import { expect } from 'chai';
import { normalizeAddress, toMailAddresses } from '../../../src/mail/addresses';

describe('normalising addresses', () => {
  it('an address is lower-cased and loses its angle brackets', () => {
    expect(normalizeAddress(' <Anna.Smirnova@Example.TEST> ')).to.equal('anna.smirnova@example.test');
  });

  it('something we could not send a reply to is no address', () => {
    for (const value of ['', 'MAILER-DAEMON', 'anna smirnova@example.test', 'a@b@c', '@example.test', 'anna@']) {
      expect(normalizeAddress(value), value).to.equal(null);
    }
  });

  it('an address longer than an SMTP path allows (254 octets) is no address', () => {
    const local = 'a'.repeat(64);
    expect(normalizeAddress(`${local}@${'b'.repeat(254 - 65)}`)).to.have.length(254);
    expect(normalizeAddress(`${local}@${'b'.repeat(255 - 65)}`)).to.equal(null);
  });

  it('groups are replaced by their members and unusable entries are dropped', () => {
    const list = toMailAddresses([
      { name: 'Team', group: [{ name: 'Anna', address: 'ANNA@example.test' }, { name: '', address: 'b@example.test' }] },
      { name: 'MAILER-DAEMON', address: '' },
      { name: 'Пётр\r\n Иванов', address: 'petr@example.test' },
    ]);
    expect(list).to.deep.equal([
      { address: 'anna@example.test', name: 'Anna' },
      { address: 'b@example.test', name: '' },
      { address: 'petr@example.test', name: 'Пётр Иванов' },
    ]);
  });
});

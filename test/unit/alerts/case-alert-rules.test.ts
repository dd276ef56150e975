import { expect } from 'chai';
import { isVip, repeatedRun } from '../../../src/alerts/case-alert-rules';

describe('case alert rules', () => {
  const vip = { senders: ['Director@Bank.test'], domains: ['gov.test'] };

  it('a VIP is a listed sender, compared without letter case', () => {
    expect(isVip('director@bank.test', vip)).to.equal('VIP sender director@bank.test');
  });

  it('a VIP domain covers its subdomains but not look-alikes', () => {
    expect(isVip('clerk@mos.gov.test', vip)).to.equal('VIP domain gov.test');
    expect(isVip('clerk@notgov.test', vip)).to.equal(null);
  });

  it('repeated complaints are a run once they reach the threshold, named by their first case', () => {
    expect(repeatedRun([{ id: 4 }, { id: 9 }], 3)).to.equal(null);
    expect(repeatedRun([{ id: 4 }, { id: 9 }, { id: 12 }], 3)).to.deep.equal({ firstId: 4 });
    expect(repeatedRun([{ id: 4 }, { id: 9 }, { id: 12 }, { id: 15 }], 3)).to.deep.equal({ firstId: 4 });
  });
});

import { expect } from 'chai';
import { bounceReason, isHardBounce } from '../../../src/mail/bounce-severity';

function hard(status: string | null, diagnostic: string | null, action: 'failed' | 'delayed' | 'other' = 'failed'): boolean {
  return isHardBounce(action, status, diagnostic, bounceReason(status, diagnostic));
}

describe('why a recipient bounced and whether the address is bad', () => {
  it('an unknown user or domain is hard, whatever code the server chose', () => {
    expect(bounceReason('5.1.1', '550 5.1.1 <anna@example.test>: Recipient address rejected: User unknown')).to.equal('no_such_user');
    expect(hard('4.0.0', '450 unknown user anna')).to.equal(true);
    expect(bounceReason(null, 'Host or domain name not found. Name service error for name=example.test')).to.equal('no_such_domain');
    expect(bounceReason(null, 'Адресат не найден: нет такого пользователя')).to.equal('no_such_user');
  });

  it('a full mailbox is soft even with a 5.x.x code or a user-unknown style status', () => {
    expect(bounceReason('5.1.1', '552 5.1.1 Mailbox full')).to.equal('mailbox_full');
    expect(hard('5.2.2', '552 5.2.2 Over quota')).to.equal(false);
    expect(hard(null, 'Почтовый ящик получателя переполнен')).to.equal(false);
  });

  it('our server refused as spam or by policy is soft: the address is fine', () => {
    expect(bounceReason('5.7.1', '550 5.2.1 Mailbox unavailable. Your IP address 192.0.2.1 is blacklisted using SPAMHAUS-XBL')).to.equal('refused');
    expect(hard('5.7.26', '550 5.7.26 Unauthenticated email is not accepted due to domain\'s DMARC policy')).to.equal(false);
    expect(hard('5.1.8', '501 5.1.8 Sender address rejected')).to.equal(false);
  });

  it('a letter too large, a retry period that ran out and network trouble are soft', () => {
    expect(hard('5.3.4', '552 5.3.4 Message size exceeds fixed limit')).to.equal(false);
    expect(hard('4.4.7', 'Message could not be delivered for too long')).to.equal(false);
    expect(hard('5.4.6', '554 5.4.6 Hop count exceeded - possible mail loop')).to.equal(false);
    expect(bounceReason(null, 'Connection timed out')).to.equal('transient');
  });

  it('a disabled account is hard', () => {
    expect(bounceReason(null, 'This account has been disabled or discontinued')).to.equal('mailbox_disabled');
    expect(hard('5.2.1', '550 5.2.1 The email account that you tried to reach is disabled')).to.equal(true);
  });

  it('a failure no rule names is hard for 5.x.x and 5xx, soft for 4.x.x, and hard with no code at all', () => {
    expect(hard('5.0.0', '550 Protocol violation')).to.equal(true);
    expect(hard(null, '554 Transaction failed')).to.equal(true);
    expect(hard('4.0.0', '451 Could not load DRD')).to.equal(false);
    expect(hard(null, null)).to.equal(true);
  });

  it('a delayed or delivered recipient is never hard', () => {
    expect(hard('5.1.1', 'User unknown', 'delayed')).to.equal(false);
    expect(hard('2.0.0', null, 'other')).to.equal(false);
  });
});

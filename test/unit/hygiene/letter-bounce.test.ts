import { expect } from 'chai';
import type { BouncedRecipient } from '../../../src/mail/bounce';
import type { Bounce } from '../../../src/hygiene/automated-mail';
import { bounceOfLetter, shouldAlertBounce } from '../../../src/hygiene/letter-bounce';

function recipient(fields: Partial<BouncedRecipient>): BouncedRecipient {
  return { address: 'anna@example.test', status: '5.1.1', action: 'failed', hard: true, reason: 'no_such_user', diagnostic: '550 5.1.1 user unknown', ...fields };
}

function bounce(...recipients: BouncedRecipient[]): Bounce {
  return { kind: 'bounce', recipients, originalMessageId: null, reportingMta: null, format: 'rfc3464' };
}

describe('what a bounce says about one of our letters', () => {
  it('the failed recipient is kept with its code, reason and the remote reply', () => {
    const b = bounceOfLetter(bounce(recipient({})), ['Anna@example.test']);
    expect(b.failed.map((r) => r.address)).to.deep.equal(['anna@example.test']);
    expect(b.record).to.deep.equal({
      status: '5.1.1', reason: 'no_such_user', hard: true, reply: '550 5.1.1 user unknown', summary: 'bounced: anna@example.test: 5.1.1 no_such_user (550 5.1.1 user unknown)',
    });
  });

  it('a failure reported for an address we did not write to (an alias forwarded it) is about the letter\'s only recipient', () => {
    const b = bounceOfLetter(bounce(recipient({ address: 'anna.forwarded@elsewhere.test' })), ['anna@example.test']);
    expect(b.failed.map((r) => r.address)).to.deep.equal(['anna@example.test']);
  });

  it('a report naming nobody, of a one-recipient letter, is a soft failure of that recipient', () => {
    const b = bounceOfLetter(bounce(), ['anna@example.test']);
    expect(b.failed).to.deep.equal([{ address: 'anna@example.test', status: null, action: 'failed', hard: false, reason: 'other', diagnostic: null }]);
  });

  it('delayed recipients and strangers to a letter of several recipients are not failures of it', () => {
    const b = bounceOfLetter(bounce(recipient({ action: 'delayed', address: 'a@example.test' }), recipient({ address: 'x@example.test' })), ['a@example.test', 'b@example.test']);
    expect(b.failed).to.deep.equal([]);
  });

  it('a bounce of an alert letter raises no alert, so a bad supervisor address cannot loop alerts about alerts', () => {
    expect(shouldAlertBounce('alert')).to.equal(false);
    expect(shouldAlertBounce('acknowledgement')).to.equal(true);
    expect(shouldAlertBounce('staff_notice')).to.equal(true);
  });
});

import { expect } from 'chai';
import { readSesNotification } from '../../../src/mail/ses-notification';

const BOUNCE = {
  notificationType: 'Bounce',
  bounce: {
    bounceType: 'Permanent',
    bouncedRecipients: [{ emailAddress: 'Anna@example.test', action: 'failed', status: '5.1.1', diagnosticCode: 'smtp; 550 5.1.1 user unknown' }],
    reportingMTA: 'dsn; a1.smtp-out.example.test',
  },
  mail: { headers: [{ name: 'Message-ID', value: '<case-3@org.example.test>' }] },
};

describe('reading Amazon SES notifications sent as mail', () => {
  it('a bounce gives its recipients, the letter Message-ID and the reporting MTA', () => {
    expect(readSesNotification(JSON.stringify(BOUNCE))).to.deep.equal({
      type: 'Bounce',
      bounceType: 'Permanent',
      recipients: [{ address: 'anna@example.test', action: 'failed', status: '5.1.1', diagnostic: '550 5.1.1 user unknown' }],
      messageId: 'case-3@org.example.test',
      reportingMta: 'a1.smtp-out.example.test',
    });
  });

  it('the SNS envelope is unwrapped and lines cut with "!" are joined', () => {
    const envelope = JSON.stringify({ Type: 'Notification', Message: JSON.stringify({ notificationType: 'Delivery', mail: {} }) }, null, 2);
    const cut = `${envelope.slice(0, 40)}!\n ${envelope.slice(40)}`;
    expect(readSesNotification(cut)?.type).to.equal('Delivery');
  });

  it('a text that is not a notification, or broken JSON, is not read', () => {
    expect(readSesNotification('Hello, my order did not arrive.')).to.equal(null);
    expect(readSesNotification('{"notificationType": "Bounce", oops')).to.equal(null);
  });
});

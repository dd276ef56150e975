import { expect } from 'chai';
import { hasDeliveryStatusFields, parseDeliveryStatus } from '../../../src/mail/delivery-status';

describe('reading RFC 3464 delivery-status fields', () => {
  it('the report block and each recipient block are read, types and brackets removed', () => {
    const status = parseDeliveryStatus(
      [
        'Reporting-MTA: dns; mx.example.test',
        'Arrival-Date: Thu, 29 Apr 2010 23:34:45 +0900',
        '',
        'Final-Recipient: RFC822; <Anna@Example.test>',
        'Original-Recipient: rfc822;anna@example.test',
        'Action: failed',
        'Status: 5.1.1 (user unknown)',
        'Diagnostic-Code: smtp; 550 5.1.1 <anna@example.test>... User',
        '    Unknown',
        '',
        'Final-Recipient: rfc822; boris@example.test',
        'Action: delayed',
        'Status: 4.4.7',
      ].join('\r\n'),
    );
    expect(status).to.deep.equal({
      reportingMta: 'mx.example.test',
      recipients: [
        { finalRecipient: 'anna@example.test', originalRecipient: 'anna@example.test', action: 'failed', status: '5.1.1', diagnostic: '550 5.1.1 <anna@example.test>... User Unknown' },
        { finalRecipient: 'boris@example.test', originalRecipient: null, action: 'delayed', status: '4.4.7', diagnostic: null },
      ],
    });
  });

  it('a Diagnostic-Code that Postfix folded before "word:" keeps its continuation ("User doesn\'t / exist: ...")', () => {
    const [recipient] = parseDeliveryStatus([
      'Final-Recipient: rfc822; anna@example.test', 'Action: failed', 'Status: 5.1.1',
      'Diagnostic-Code: smtp; 550 5.1.1 <anna@example.test> User doesn\'t', '    exist: anna@example.test', '  X-Actual-Recipient: rfc822; anna@example.test',
    ].join('\r\n')).recipients;
    expect(recipient?.diagnostic).to.equal('550 5.1.1 <anna@example.test> User doesn\'t exist: anna@example.test');
  });

  it('an indented field of the report still starts a field of its own', () => {
    const [recipient] = parseDeliveryStatus('  Final-Recipient: rfc822; a@example.test\n  Action: failed\n  Status: 5.1.1\n').recipients;
    expect(recipient).to.include({ finalRecipient: 'a@example.test', action: 'failed', status: '5.1.1' });
  });

  it('recipient blocks without a blank line between them are still told apart', () => {
    const status = parseDeliveryStatus('Final-Recipient: rfc822; a@example.test\nAction: failed\nFinal-Recipient: rfc822; b@example.test\nAction: failed\n');
    expect(status.recipients.map((r) => r.finalRecipient)).to.deep.equal(['a@example.test', 'b@example.test']);
  });

  it('a status missing from Status is taken from Diagnostic-Code', () => {
    const [recipient] = parseDeliveryStatus('Final-Recipient: rfc822; a@example.test\nAction: failed\nStatus: \nDiagnostic-Code: smtp; 552 5.2.2 Mailbox full\n').recipients;
    expect(recipient?.status).to.equal('5.2.2');
  });

  it('a block without any address is not a recipient', () => {
    expect(parseDeliveryStatus('Final-Recipient: rfc822; xxxxxxxx\nAction: failed\n').recipients).to.deep.equal([]);
  });

  it('delivery-status fields pasted into text are recognised, an ordinary text is not', () => {
    expect(hasDeliveryStatusFields('Reporting-MTA: dns;relay\n\nFinal-Recipient: rfc822;a@example.test\nAction: failed\n')).to.equal(true);
    expect(hasDeliveryStatusFields('Final recipient of my complaint: the director. Status: angry.')).to.equal(false);
  });
});

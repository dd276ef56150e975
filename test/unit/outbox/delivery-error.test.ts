import { expect } from 'chai';
import { classifyDeliveryError } from '../../../src/outbox/delivery-error';

describe('delivery errors', () => {
  it('a 550 reply is permanent', () => {
    expect(classifyDeliveryError({ responseCode: 550, response: '550 5.1.1 <x@example.test>: Recipient address rejected' }).kind).to.equal('permanent');
  });

  it('a 451 reply is transient', () => {
    expect(classifyDeliveryError({ responseCode: 451, response: '451 4.3.0 try again later' }).kind).to.equal('transient');
  });

  it('the stored summary is the server\'s reply once, not its code twice', () => {
    const v = classifyDeliveryError({ responseCode: 550, response: '550 5.1.1 <x@example.test>: Recipient address rejected', message: 'Can\'t send mail' });
    expect(v.summary).to.equal('550 5.1.1 <x@example.test>: Recipient address rejected');
  });

  it('a multi-line reply keeps its code once and its lines joined', () => {
    const v = classifyDeliveryError({ responseCode: 554, response: '554-5.7.1 first line\r\n554 5.7.1 second line' });
    expect(v.summary).to.equal('554-5.7.1 first line 554 5.7.1 second line');
  });

  it('a refusal known only by its code and message gets the code in front of the message', () => {
    expect(classifyDeliveryError({ responseCode: 421, message: 'service not available' }).summary).to.equal('421 service not available');
  });

  it('a refused connection is transient and says so', () => {
    const v = classifyDeliveryError({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:2525' });
    expect(v).to.deep.equal({ kind: 'transient', summary: 'ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:2525' });
  });
});

import { expect } from 'chai';
import { classifyDeliveryError } from '../../../src/outbox/delivery-error';

describe('delivery errors', () => {
  it('a 550 reply is permanent', () => {
    expect(classifyDeliveryError({ responseCode: 550, response: '550 5.1.1 <x@example.test>: Recipient address rejected' }).kind).to.equal('permanent');
  });

  it('a 451 reply is transient', () => {
    expect(classifyDeliveryError({ responseCode: 451, response: '451 4.3.0 try again later' }).kind).to.equal('transient');
  });

  it('a refused connection is transient and says so', () => {
    const v = classifyDeliveryError({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:2525' });
    expect(v).to.deep.equal({ kind: 'transient', summary: 'ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:2525' });
  });
});

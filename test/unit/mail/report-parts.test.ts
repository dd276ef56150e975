import { expect } from 'chai';
import { reportParts } from '../../../src/mail/report-parts';

function report(...parts: string[]): Buffer {
  const body = parts.map((part) => `--b\r\n${part}\r\n`).join('');
  return Buffer.from(`From: MAILER-DAEMON@mx.example.test\r\nContent-Type: multipart/report; report-type=delivery-status; boundary=b\r\n\r\n${body}--b--\r\n`);
}

const STATUS = 'Content-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.example.test\r\n\r\nFinal-Recipient: rfc822; anna@example.test\r\nAction: failed\r\nStatus: 5.1.1\r\n';
const RETURNED = 'Content-Type: text/rfc822-headers\r\n\r\nMessage-ID: <case-1@org.example.test>\r\nTo: anna@example.test\r\n\r\nthe body is not read\r\n';

describe('reading the parts of a delivery report', () => {
  it('the delivery-status body and the returned headers are found, the returned body left out', () => {
    const parts = reportParts(report('Content-Type: text/plain\r\n\r\nYour letter bounced.', STATUS, RETURNED));
    expect(parts.deliveryStatus).to.have.length(1);
    expect(parts.deliveryStatus[0]).to.match(/^Reporting-MTA: dns; mx.example.test/);
    expect(parts.returnedHeaders).to.deep.equal(['Message-ID: <case-1@org.example.test>\r\nTo: anna@example.test']);
    expect([...parts.mediaTypes]).to.deep.equal(['text/plain', 'message/delivery-status', 'text/rfc822-headers']);
  });

  it('a base64 or quoted-printable delivery-status part is decoded', () => {
    const fields = 'Final-Recipient: rfc822; anna@example.test\r\nAction: failed\r\n';
    const base64 = `Content-Type: message/delivery-status\r\nContent-Transfer-Encoding: base64\r\n\r\n${Buffer.from(fields).toString('base64')}`;
    const qp = 'Content-Type: message/delivery-status\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nFinal-Recipient: rfc822; anna=40example.test=\r\n\r\nAction: failed\r\n';
    expect(reportParts(report(base64)).deliveryStatus[0]).to.equal(fields);
    expect(reportParts(report(qp)).deliveryStatus[0]).to.contain('anna@example.test\r\nAction: failed');
  });

  it('a returned message/rfc822 that is itself a delivery report is read for its own parts', () => {
    const inner = `From: MAILER-DAEMON@relay.example.test\r\nContent-Type: multipart/report; report-type=delivery-status; boundary=i\r\n\r\n--i\r\n${STATUS}\r\n--i\r\n${RETURNED}\r\n--i--\r\n`;
    const parts = reportParts(report('Content-Type: text/plain\r\n\r\nForwarded bounce.', `Content-Type: message/rfc822\r\n\r\n${inner}`));
    expect(parts.deliveryStatus[0]).to.contain('anna@example.test');
    expect(parts.returnedHeaders[0]).to.contain('case-1@org.example.test');
  });

  it('returned headers pasted right after a boundary, read as part headers, still count as returned', () => {
    const parts = reportParts(report('Content-Type: text/plain\r\n\r\nUser unknown', 'Received: by mx.example.test\r\nMessage-Id: <case-2@org.example.test>\r\n\r\nbody'));
    expect(parts.returnedHeaders[0]).to.contain('case-2@org.example.test');
  });

  it('the headers alone of a returned report are still the returned letter', () => {
    const headers = 'Content-Type: text/rfc822-headers\r\n\r\nMessage-Id: <notice-1@mx.example.test>\r\nContent-Type: multipart/report; report-type=delivery-status;\r\n\tboundary="x"\r\n';
    expect(reportParts(report(STATUS, headers)).returnedHeaders[0]).to.contain('notice-1@mx.example.test');
  });
});

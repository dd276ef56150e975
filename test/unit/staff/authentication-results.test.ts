import { expect } from 'chai';
import { isAuthenticatedFor, parseAuthenticationResults } from '../../../src/staff/authentication-results';

// Shapes as these servers write them (values only, unfolded the way mail/header-map gives them).
const GMAIL = 'mx.google.com; dkim=pass header.i=@org.example header.s=20230601 header.b=Kk2yK+Tf; '
  + 'spf=pass (google.com: domain of boss@org.example designates 203.0.113.5 as permitted sender) smtp.mailfrom=boss@org.example; '
  + 'dmarc=pass (p=REJECT sp=REJECT dis=NONE) header.from=org.example';
const MICROSOFT = 'spf=pass (sender IP is 203.0.113.5) smtp.mailfrom=org.example; dkim=pass (signature was verified) '
  + 'header.d=org.example;dmarc=pass action=none header.from=org.example;compauth=pass reason=100';
const OPENDKIM = 'mx.org.example; dkim=pass (2048-bit key; unprotected) header.d=org.example header.i=@org.example header.a=rsa-sha256 header.s=mail header.b="dGhpcyBp"; dkim-atps=neutral';
const OPENDMARC_SPF = 'mx.org.example 1; spf=pass smtp.mailfrom=boss@org.example smtp.helo=out.org.example';
const RSPAMD_FAIL = 'mx.org.example; dkim=fail ("headers rsa verify failed") header.d=org.example header.s=mail header.b=abc; spf=softfail (mx.org.example: 198.51.100.7 is neither permitted nor denied by domain of org.example) smtp.mailfrom=boss@org.example; dmarc=fail reason="SPF not aligned (relaxed)" header.from=org.example (policy=reject)';

const policy = { trustedAuthservIds: ['mx.org.example'], orgDomains: ['org.example'], fromAddress: 'boss@org.example' };

describe('Authentication-Results', () => {
  it('reads the authserv-id and each method with its properties, without the comments', () => {
    expect(parseAuthenticationResults(GMAIL)).to.deep.equal({
      authservId: 'mx.google.com',
      results: [
        { method: 'dkim', result: 'pass', properties: { 'header.i': '@org.example', 'header.s': '20230601', 'header.b': 'Kk2yK+Tf' } },
        { method: 'spf', result: 'pass', properties: { 'smtp.mailfrom': 'boss@org.example' } },
        { method: 'dmarc', result: 'pass', properties: { 'header.from': 'org.example' } },
      ],
    });
  });

  it('reads an OpenDKIM field with a quoted value, a version after the id and nested comments', () => {
    const parsed = parseAuthenticationResults(OPENDKIM);
    expect(parsed.authservId).to.equal('mx.org.example');
    expect(parsed.results[0]).to.deep.include({ method: 'dkim', result: 'pass' });
    expect(parsed.results[0]?.properties['header.b']).to.equal('dGhpcyBp');
    expect(parseAuthenticationResults('MX.Org.Example 1 (a (nested) comment); SPF=Pass smtp.mailfrom=a@b.example')).to.deep.equal({
      authservId: 'mx.org.example', results: [{ method: 'spf', result: 'pass', properties: { 'smtp.mailfrom': 'a@b.example' } }],
    });
  });

  it('a field that says "none" has no results', () => {
    expect(parseAuthenticationResults('mx.org.example; none')).to.deep.equal({ authservId: 'mx.org.example', results: [] });
  });

  it('an Exchange Online field without an authserv-id is read but has none', () => {
    const parsed = parseAuthenticationResults(MICROSOFT);
    expect(parsed.authservId).to.equal(null);
    expect(parsed.results.map((r) => `${r.method}=${r.result}`)).to.deep.equal(['spf=pass', 'dkim=pass', 'dmarc=pass', 'compauth=pass']);
    expect(parsed.results[1]?.properties).to.deep.equal({ 'header.d': 'org.example' });
  });

  it('a trusted DKIM pass for the From\'s domain authenticates the letter', () => {
    expect(isAuthenticatedFor([OPENDKIM], policy)).to.deep.equal({ ok: true, via: 'dkim', detail: 'dkim=pass for org.example (authserv-id mx.org.example)' });
  });

  it('Gmail\'s DKIM result, which names the domain only in header.i, counts when Gmail is trusted', () => {
    expect(isAuthenticatedFor([GMAIL], { ...policy, trustedAuthservIds: ['mx.google.com'] })).to.deep.include({ ok: true, via: 'dkim' });
  });

  it('a trusted SPF pass for the envelope sender in the From\'s domain authenticates when there is no DKIM pass', () => {
    expect(isAuthenticatedFor([OPENDMARC_SPF], policy)).to.deep.equal({ ok: true, via: 'spf', detail: 'spf=pass for org.example (authserv-id mx.org.example)' });
  });

  it('results from any other authserv-id are ignored, however good they look', () => {
    expect(isAuthenticatedFor([GMAIL], policy)).to.deep.equal({ ok: false, reason: 'no Authentication-Results from a trusted authserv-id (seen: mx.google.com)' });
  });

  it('a trusted field with only failures does not authenticate, and the reason says what it saw', () => {
    expect(isAuthenticatedFor([RSPAMD_FAIL], policy)).to.deep.equal({
      ok: false, reason: 'no dkim or spf pass for org.example from a trusted authserv-id (dkim=fail for org.example, spf=softfail for org.example)',
    });
  });

  it('a field without an authserv-id is never trusted', () => {
    expect(isAuthenticatedFor([MICROSOFT], policy)).to.deep.include({ ok: false });
  });

  it('a pass for another domain than the From\'s does not authenticate it', () => {
    const other = 'mx.org.example; dkim=pass header.d=mailer.example';
    expect(isAuthenticatedFor([other], policy)).to.deep.include({ ok: false });
    expect(isAuthenticatedFor([OPENDKIM], { ...policy, fromAddress: 'boss@elsewhere.example' })).to.deep.equal({
      ok: false, reason: 'the From domain elsewhere.example is not one of the organisation\'s (org.example)',
    });
  });

  it('several fields are read together: a trusted pass counts even below an untrusted one', () => {
    expect(isAuthenticatedFor([GMAIL, OPENDKIM], policy)).to.deep.include({ ok: true, via: 'dkim' });
  });

  it('no field at all is no authentication', () => {
    expect(isAuthenticatedFor([], policy)).to.deep.equal({ ok: false, reason: 'no Authentication-Results from a trusted authserv-id' });
  });
});

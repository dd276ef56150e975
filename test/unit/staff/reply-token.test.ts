import { expect } from 'chai';
import { issueToken, verifyToken } from '../../../src/staff/reply-token';

const S = { secret: 'test-secret', maxAgeDays: 730 };
const NOW = new Date('2026-11-27T10:00:00Z');
const from = (fromAddress: string, now = NOW) => ({ fromAddress, now });

describe('reply tokens', () => {
  it('a client token names its case and verifies whoever sends it', () => {
    const token = issueToken(S, { kind: 'client', caseId: 1234, now: NOW });
    expect(verifyToken(S, token, from('anyone@example.test'))).to.deep.include({ status: 'valid', kind: 'client', caseId: 1234 });
  });

  it('a token is short enough to survive mail clients and uses only lower-case letters, digits and a hyphen', () => {
    const token = issueToken(S, { kind: 'staff', caseId: 987654, staffAddress: 'staff1@example.test', now: NOW });
    expect(token).to.match(/^[a-z0-9-]+$/);
    expect(token.length).to.be.at.most(20);
  });

  it('a token survives a mail system that upper-cases the address', () => {
    const token = issueToken(S, { kind: 'client', caseId: 5, now: NOW });
    expect(verifyToken(S, token.toUpperCase(), from('c@x.test')).status).to.equal('valid');
  });

  it('a staff token is valid only from the member it was issued to', () => {
    const token = issueToken(S, { kind: 'staff', caseId: 5, staffAddress: 'staff1@example.test', now: NOW });
    expect(verifyToken(S, token, from('Staff1@Example.test'))).to.deep.include({ status: 'valid', kind: 'staff', caseId: 5 });
    expect(verifyToken(S, token, from('client1@example.test'))).to.deep.include({ status: 'invalid', kind: 'staff', caseId: 5 });
  });

  it('a token with another case number pasted in is refused as forged', () => {
    const token = issueToken(S, { kind: 'client', caseId: 5, now: NOW });
    const forged = token.replace(/^c5-/, 'c6-');
    expect(verifyToken(S, forged, from('c@x.test'))).to.deep.include({ status: 'invalid', caseId: 6 });
  });

  it('a token signed with another secret is refused', () => {
    const token = issueToken({ ...S, secret: 'other' }, { kind: 'client', caseId: 5, now: NOW });
    expect(verifyToken(S, token, from('c@x.test')).status).to.equal('invalid');
  });

  it('a token older than the limit is refused as expired', () => {
    const token = issueToken(S, { kind: 'client', caseId: 5, now: new Date('2024-01-01T00:00:00Z') });
    const verdict = verifyToken(S, token, from('c@x.test'));
    expect(verdict).to.deep.include({ status: 'invalid' });
    expect(verdict.status === 'invalid' && verdict.reason).to.contain('expired');
  });

  it('a token dated in the future is refused', () => {
    const token = issueToken(S, { kind: 'client', caseId: 5, now: new Date('2027-06-01T00:00:00Z') });
    expect(verifyToken(S, token, from('c@x.test')).status).to.equal('invalid');
  });

  it('anything that is not a token of ours is refused without a case', () => {
    expect(verifyToken(S, 'newsletter', from('c@x.test'))).to.deep.include({ status: 'invalid', kind: 'unknown', caseId: null });
  });
});

describe('department reply tokens', () => {
  it('a token on a letter to a department queue is valid from any member of that department, and only from them', () => {
    const token = issueToken(S, { kind: 'department', caseId: 5, department: 'refunds', now: NOW });
    expect(verifyToken(S, token, { fromAddress: 'agent@example.test', departments: ['refunds'], now: NOW })).to.deep.include({ status: 'valid', kind: 'department', caseId: 5, department: 'refunds' });
    expect(verifyToken(S, token, { fromAddress: 'other@example.test', departments: ['logistics'], now: NOW })).to.deep.include({ status: 'invalid', kind: 'department' });
    expect(verifyToken(S, token, { fromAddress: 'client@example.test', now: NOW })).to.deep.include({ status: 'invalid', kind: 'department' });
  });
});

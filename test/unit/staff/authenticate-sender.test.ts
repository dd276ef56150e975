import { expect } from 'chai';
import { SECURITY_EVENTS, authenticateSender, type SenderInput } from '../../../src/staff/authenticate-sender';
import { isAuthenticatedFor } from '../../../src/staff/authentication-results';
import { member } from './members';

const staff = member('boss@org.example', 'supervisor', 'refunds');
const trusted = { trustedAuthservIds: ['mx.org.example'], orgDomains: ['org.example'], fromAddress: staff.address };
const dkimPass = isAuthenticatedFor(['mx.org.example; dkim=pass (2048-bit key) header.d=org.example header.b="dGhpcyBp"'], trusted);
const spfPass = isAuthenticatedFor(['mx.org.example; spf=pass smtp.mailfrom=boss@org.example'], trusted);
const fromGoogle = isAuthenticatedFor(['mx.google.com; dkim=pass header.i=@org.example header.s=s header.b=abc'], trusted);

function decide(parts: Partial<SenderInput>): ReturnType<typeof authenticateSender> {
  return authenticateSender({
    fromAddress: staff.address, member: staff, token: { status: 'none' }, caseId: 7, isCaseClient: false,
    auth: null, hasCommands: true, addressedToClient: false, ...parts,
  });
}

describe('authenticating a letter that may act as staff', () => {
  it('a directory address with a valid staff reply token for this case acts as staff', () => {
    expect(decide({ token: { status: 'valid', kind: 'staff', caseId: 7 } })).to.deep.equal({ kind: 'staff', member: staff, via: 'token' });
  });

  it('a directory address without a token acts as staff when our server vouches for it by DKIM, or else SPF', () => {
    expect(decide({ auth: dkimPass })).to.deep.equal({ kind: 'staff', member: staff, via: 'dkim' });
    expect(decide({ auth: spfPass })).to.deep.equal({ kind: 'staff', member: staff, via: 'spf' });
  });

  it('a directory address with neither token nor trusted pass is refused as a forged From, with or without commands', () => {
    for (const hasCommands of [true, false]) {
      const d = decide({ hasCommands });
      expect(d, String(hasCommands)).to.deep.include({ kind: 'refused', event: 'security.forged_staff_from' });
    }
    const d = decide({});
    expect(d.kind === 'refused' && d.reason).to.equal('letter from staff address boss@org.example with commands is not authenticated: no valid staff reply token, and no Authentication-Results check is configured');
  });

  it('Authentication-Results from an untrusted authserv-id are ignored: the letter is refused as forged', () => {
    const d = decide({ auth: fromGoogle });
    expect(d).to.deep.include({ kind: 'refused', event: 'security.forged_staff_from' });
    expect(d.kind === 'refused' && d.reason).to.contain('no Authentication-Results from a trusted authserv-id (seen: mx.google.com)');
  });

  it('a colleague\'s unverified reply-all on the client\'s thread, without commands, is kept as a copy', () => {
    expect(decide({ hasCommands: false, addressedToClient: true })).to.deep.include({ kind: 'cc_copy', member: staff });
  });

  it('an unverified reply-all that carries commands is still refused', () => {
    expect(decide({ hasCommands: true, addressedToClient: true })).to.deep.include({ kind: 'refused', event: 'security.forged_staff_from' });
  });

  it('a valid staff token for another case is refused', () => {
    expect(decide({ token: { status: 'valid', kind: 'staff', caseId: 8 }, auth: dkimPass })).to.deep.equal({
      kind: 'refused', event: 'security.staff_token_other_case', reason: 'the staff reply token of boss@org.example was issued for case #8, not #7',
    });
  });

  it('a client quoting a staff token is refused, not taken for staff', () => {
    const d = decide({ fromAddress: 'client@mail.example', member: null, isCaseClient: true, token: { status: 'invalid', kind: 'staff', reason: 'issued to another address' } });
    expect(d).to.deep.include({ kind: 'refused', event: 'security.staff_token_not_staff' });
  });

  it('a valid staff token from someone who has left the directory is refused', () => {
    expect(decide({ member: null, token: { status: 'valid', kind: 'staff', caseId: 7 } })).to.deep.include({ kind: 'refused', event: 'security.departed_staff' });
  });

  it('a directory address whose staff token fails verification is refused unless our server vouches for it', () => {
    const token = { status: 'invalid' as const, kind: 'staff' as const, reason: 'bad signature' };
    expect(decide({ token })).to.deep.include({ kind: 'refused', event: 'security.staff_token_invalid' });
    expect(decide({ token, auth: dkimPass })).to.deep.equal({ kind: 'staff', member: staff, via: 'dkim' });
  });

  it('the client\'s letter with #close at the top is an ordinary letter', () => {
    expect(decide({ fromAddress: 'client@mail.example', member: null, isCaseClient: true, token: { status: 'valid', kind: 'client', caseId: 7 } })).to.deep.equal({
      kind: 'ordinary', reason: 'client@mail.example is the case\'s client',
    });
  });

  it('a staff member who is the case\'s own client writes as the client, even when our server vouches for them', () => {
    expect(decide({ isCaseClient: true, auth: dkimPass })).to.deep.include({ kind: 'ordinary' });
  });

  it('someone neither the client nor in the directory writes an ordinary letter', () => {
    expect(decide({ fromAddress: 'lawyer@firm.example', member: null, token: { status: 'invalid', kind: 'client', reason: 'other address' } })).to.deep.include({ kind: 'ordinary' });
  });

  it('security event names are stable: logs and alerts key on them', () => {
    expect([...SECURITY_EVENTS]).to.deep.equal([
      'security.forged_staff_from', 'security.staff_token_other_case', 'security.staff_token_not_staff', 'security.departed_staff', 'security.staff_token_invalid',
    ]);
  });
});

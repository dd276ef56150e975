import { expect } from 'chai';
import { decideThread, type ThreadInput } from '../../../src/cases/threading';
import { caseTagsIn, formatCaseNumber, taggedSubject, yearIn } from '../../../src/cases/case-number';

const NOW = new Date('2026-11-27T10:00:00Z');
const tag = { caseId: 7, caseNumber: 'CMP-2026-000007', clientAddress: 'client1@example.test', participants: ['client1@example.test', 'lawyer@firm.test'] };

function input(over: Partial<ThreadInput>): ThreadInput {
  return { fromAddress: 'client1@example.test', senderIsStaff: false, headerMatches: [], token: { verdict: { status: 'none' }, kase: null }, tagMatches: [], subjectMatches: [], fallbackWindowDays: 14, now: NOW, ...over };
}

const validToken = (caseId: number): ThreadInput['token'] => ({ verdict: { status: 'valid', kind: 'client', caseId, issuedAt: NOW, department: null }, kase: { caseId, caseNumber: `CMP-2026-00000${caseId}` } });

describe('threading', () => {
  it('a reply whose In-Reply-To names our acknowledgement is a follow-up on that case', () => {
    const d = decideThread(input({ headerMatches: [{ caseId: 7, caseNumber: 'CMP-2026-000007', messageId: 'ack-1@example.test', direction: 'out', via: 'in-reply-to' }] }));
    expect(d).to.deep.include({ kind: 'follow_up', caseId: 7, via: 'header' });
    expect(d.reason).to.contain('In-Reply-To names our letter <ack-1@example.test>');
  });

  it('In-Reply-To wins over References when they name different cases', () => {
    const d = decideThread(input({
      headerMatches: [
        { caseId: 3, caseNumber: 'CMP-2026-000003', messageId: 'old@x', direction: 'in', via: 'references' },
        { caseId: 7, caseNumber: 'CMP-2026-000007', messageId: 'new@x', direction: 'out', via: 'in-reply-to' },
      ],
    }));
    expect(d).to.deep.include({ kind: 'follow_up', caseId: 7 });
  });

  it('headers win over a reply token that names another case', () => {
    const d = decideThread(input({ headerMatches: [{ caseId: 3, caseNumber: 'CMP-2026-000003', messageId: 'x@y', direction: 'out', via: 'references' }], token: validToken(5) }));
    expect(d).to.deep.include({ kind: 'follow_up', caseId: 3, via: 'header' });
  });

  it('a reply to the signed reply address threads with no headers and no subject at all', () => {
    const d = decideThread(input({ token: validToken(5) }));
    expect(d).to.deep.include({ kind: 'follow_up', caseId: 5, via: 'token' });
    expect(d.reason).to.contain('reply address of case CMP-2026-000005');
  });

  it('a reply token wins over a subject tag naming another case', () => {
    const d = decideThread(input({ token: validToken(5), tagMatches: [tag] }));
    expect(d).to.deep.include({ caseId: 5, via: 'token' });
  });

  it('a forged token is ignored, noted, and the letter threads by what else it has', () => {
    const d = decideThread(input({ token: { verdict: { status: 'invalid', kind: 'client', caseId: 5, reason: 'signature does not match (forged or damaged)' }, kase: null }, tagMatches: [tag] }));
    expect(d).to.deep.include({ kind: 'follow_up', caseId: 7, via: 'tag' });
    expect(d.notes).to.deep.equal(['reply token ignored: signature does not match (forged or damaged)']);
  });

  it('an expired token is never trusted: without other signals the letter is a new case', () => {
    const d = decideThread(input({ token: { verdict: { status: 'invalid', kind: 'client', caseId: 5, reason: 'expired (issued 900 days ago, limit 730)' }, kase: null } }));
    expect(d.kind).to.equal('new');
    expect(d.notes[0]).to.contain('expired');
  });

  it('a valid token for a case that no longer exists is ignored', () => {
    const d = decideThread(input({ token: { verdict: { status: 'valid', kind: 'client', caseId: 99, issuedAt: NOW, department: null }, kase: null } }));
    expect(d.kind).to.equal('new');
    expect(d.notes[0]).to.contain('does not exist');
  });

  it('a subject tag from the case\'s client threads the message to the case', () => {
    const d = decideThread(input({ tagMatches: [tag] }));
    expect(d).to.deep.include({ kind: 'follow_up', caseId: 7, via: 'tag' });
    expect(d.reason).to.contain('sender is the case\'s client');
  });

  it('a subject tag from another participant of the thread threads the message to the case', () => {
    const d = decideThread(input({ fromAddress: 'lawyer@firm.test', tagMatches: [tag] }));
    expect(d).to.deep.include({ kind: 'follow_up', caseId: 7 });
    expect(d.reason).to.contain('a participant of its thread');
  });

  it('a stranger who types someone else\'s case number gets a new case linked to it', () => {
    const d = decideThread(input({ fromAddress: 'someone@else.test', tagMatches: [tag] }));
    expect(d.kind).to.equal('new');
    if (d.kind !== 'new') return;
    expect(d.linkTo).to.deep.include({ caseId: 7, caseNumber: 'CMP-2026-000007' });
    expect(d.reason).to.contain('never on its thread');
  });

  it('a tag from a member of staff threads to the case, so whether they may act on it can be decided there', () => {
    const d = decideThread(input({ fromAddress: 'staff1@example.test', senderIsStaff: true, tagMatches: [tag] }));
    expect(d).to.deep.include({ kind: 'follow_up', caseId: 7, via: 'tag' });
    expect(d.reason).to.contain('in the staff directory');
  });

  it('a stranger\'s tag never wins over the fallback either: the stranger is not that case\'s sender', () => {
    const d = decideThread(input({ fromAddress: 'someone@else.test', tagMatches: [tag], subjectMatches: [{ caseId: 9, caseNumber: 'CMP-2026-000009', lastMessageAt: '2026-11-26T10:00:00Z' }] }));
    expect(d.kind).to.equal('new');
  });

  it('the fallback joins an open case of the same sender and subject within the window, and says it was a fallback', () => {
    const d = decideThread(input({ subjectMatches: [{ caseId: 9, caseNumber: 'CMP-2026-000009', lastMessageAt: '2026-11-20T10:00:00Z' }] }));
    expect(d).to.deep.include({ kind: 'follow_up', caseId: 9, via: 'subject' });
    expect(d.reason).to.match(/^fallback: /);
  });

  it('the fallback does not join a case whose latest message is older than the window', () => {
    const d = decideThread(input({ subjectMatches: [{ caseId: 9, caseNumber: 'CMP-2026-000009', lastMessageAt: '2026-11-12T09:00:00Z' }] }));
    expect(d.kind).to.equal('new');
  });

  it('among several fallback candidates the most recently active one wins', () => {
    const d = decideThread(input({ subjectMatches: [
      { caseId: 8, caseNumber: 'CMP-2026-000008', lastMessageAt: '2026-11-20T10:00:00Z' },
      { caseId: 9, caseNumber: 'CMP-2026-000009', lastMessageAt: '2026-11-25T10:00:00Z' },
    ] }));
    expect(d).to.deep.include({ caseId: 9 });
  });

  it('a message with no reference to a known case is a new case', () => {
    expect(decideThread(input({})).kind).to.equal('new');
  });
});

describe('case numbers', () => {
  it('a number is prefix, year and zero-padded sequence', () => {
    expect(formatCaseNumber({ prefix: 'CMP', digits: 6 }, 2026, 42)).to.equal('CMP-2026-000042');
  });

  it('tags are found in a reply subject, case-insensitively and once each', () => {
    expect(caseTagsIn('Re: [cmp-2026-000042] Re: [CMP-2026-000042] и [CMP-2025-000001]', 'CMP')).to.deep.equal(['CMP-2026-000042', 'CMP-2025-000001']);
  });

  it('a subject that already carries the tag is not tagged twice', () => {
    expect(taggedSubject('CMP-2026-000001', 'Re: [CMP-2026-000001] Возврат')).to.equal('Re: [CMP-2026-000001] Возврат');
    expect(taggedSubject('CMP-2026-000001', 'Возврат')).to.equal('[CMP-2026-000001] Возврат');
  });

  it('the year follows the organisation\'s time zone at New Year', () => {
    const utcEvening = new Date('2026-12-31T22:30:00Z');
    expect(yearIn('Europe/Moscow', utcEvening)).to.equal(2027);
    expect(yearIn('UTC', utcEvening)).to.equal(2026);
  });
});

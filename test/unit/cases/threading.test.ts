import { expect } from 'chai';
import { decideThread } from '../../../src/cases/threading';
import { caseTagsIn, formatCaseNumber, taggedSubject, yearIn } from '../../../src/cases/case-number';

const tag = { caseId: 7, caseNumber: 'CMP-2026-000007', clientAddress: 'client1@example.test' };

describe('threading', () => {
  it('a reply whose In-Reply-To names our acknowledgement is a follow-up on that case', () => {
    const d = decideThread({
      fromAddress: 'client1@example.test',
      headerMatches: [{ caseId: 7, caseNumber: 'CMP-2026-000007', messageId: 'ack-1@example.test', direction: 'out', via: 'in-reply-to' }],
      tagMatches: [],
    });
    expect(d).to.deep.include({ kind: 'follow_up', caseId: 7 });
    expect(d.reason).to.contain('In-Reply-To names our letter <ack-1@example.test>');
  });

  it('In-Reply-To wins over References when they name different cases', () => {
    const d = decideThread({
      fromAddress: 'client1@example.test',
      headerMatches: [
        { caseId: 3, caseNumber: 'CMP-2026-000003', messageId: 'old@x', direction: 'in', via: 'references' },
        { caseId: 7, caseNumber: 'CMP-2026-000007', messageId: 'new@x', direction: 'out', via: 'in-reply-to' },
      ],
      tagMatches: [],
    });
    expect(d).to.deep.include({ kind: 'follow_up', caseId: 7 });
  });

  it('a subject tag from the case\'s client threads the message to the case', () => {
    const d = decideThread({ fromAddress: 'client1@example.test', headerMatches: [], tagMatches: [tag] });
    expect(d).to.deep.include({ kind: 'follow_up', caseId: 7 });
    expect(d.reason).to.contain('sender is the case\'s client');
  });

  it('a reply with the case tag from an unknown sender does not change the case', () => {
    const d = decideThread({ fromAddress: 'someone@else.test', headerMatches: [], tagMatches: [tag] });
    expect(d.kind).to.equal('new');
    expect(d.reason).to.contain('not that case\'s client');
  });

  it('a message that names nothing we know is a new complaint', () => {
    expect(decideThread({ fromAddress: 'a@b.test', headerMatches: [], tagMatches: [] })).to.deep.equal({ kind: 'new', reason: 'no reference to a known case' });
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

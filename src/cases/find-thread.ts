// Gathers what threading needs to know from the store (cases holding a referenced Message-ID, the case
// a reply token names, cases a subject tag names with their participants, open cases with the same
// subject), then lets the pure decision in threading.ts decide. Reads only.
import type { Knex } from 'knex';
import type { ParsedMessage } from '../mail/parsed-message';
import { findCaseById, findCasesByNumbers, openCasesBySubject } from '../store/case-repo';
import { casesByMessageIds } from '../store/message-repo';
import { participantsOf } from '../store/participant-repo';
import { verifyToken, type TokenSettings, type TokenVerdict } from '../staff/reply-token';
import { recipientsOf, tokenIn, type PlusAddressing } from '../staff/reply-address';
import { isVerpDetail } from '../mail/verp';
import { caseTagsIn } from './case-number';
import { subjectKey } from './subject-key';
import { decideThread, type CaseRef, type HeaderMatch, type ThreadDecision } from './threading';

export interface ThreadingSettings {
  numberPrefix: string;
  /** null when reply tokens are turned off (a mail server that cannot deliver plus-addresses). */
  tokens: (TokenSettings & PlusAddressing) | null;
  fallbackWindowDays: number;
  /** The departments whose queue tokens a sender may use: their own, every one for an admin. */
  departmentsOf(address: string): string[];
  isStaff(address: string): boolean;
}

export async function findThread(db: Knex, s: ThreadingSettings, parsed: ParsedMessage, now: Date): Promise<{ decision: ThreadDecision; token: TokenVerdict }> {
  const fromAddress = parsed.from?.address ?? '';
  const token = readToken(s, parsed, fromAddress, now);
  const [headerMatches, tokenCase, tagMatches, subjectMatches] = [
    await headerMatchesOf(db, parsed),
    token.status === 'valid' ? await caseRef(db, token.caseId) : null,
    await tagMatchesOf(db, parsed.subject, s.numberPrefix),
    fromAddress ? await openCasesBySubject(db, fromAddress, subjectKey(parsed.subject, s.numberPrefix)) : [],
  ];
  const decision = decideThread({
    fromAddress,
    senderIsStaff: s.isStaff(fromAddress),
    headerMatches,
    token: { verdict: token, kase: tokenCase },
    tagMatches,
    subjectMatches: subjectMatches.map((c) => ({ caseId: c.id, caseNumber: c.number, lastMessageAt: c.lastMessageAt ?? c.createdAt })),
    fallbackWindowDays: s.fallbackWindowDays,
    now,
  });
  return { decision, token };
}

function readToken(s: ThreadingSettings, parsed: ParsedMessage, fromAddress: string, now: Date): TokenVerdict {
  if (!s.tokens) return { status: 'none' };
  const found = tokenIn(recipientsOf(parsed), s.tokens);
  // Bounces and auto-replies come back to our VERP return address: no reply token, nothing to warn of.
  return found === null || isVerpDetail(found) ? { status: 'none' } : verifyToken(s.tokens, found, { fromAddress, departments: s.departmentsOf(fromAddress), now });
}

async function headerMatchesOf(db: Knex, parsed: ParsedMessage): Promise<HeaderMatch[]> {
  const inReplyTo = new Set(parsed.inReplyTo);
  const ids = [...new Set([...parsed.inReplyTo, ...parsed.references])];
  const byId = await casesByMessageIds(db, ids);
  const numbers = new Map<number, string>();
  for (const m of byId) {
    if (!numbers.has(m.caseId)) numbers.set(m.caseId, (await findCaseById(db, m.caseId))?.number ?? '');
  }
  return byId.map((m) => ({
    caseId: m.caseId,
    caseNumber: numbers.get(m.caseId) ?? '',
    messageId: m.messageId,
    direction: m.direction,
    via: inReplyTo.has(m.messageId) ? ('in-reply-to' as const) : ('references' as const),
  }));
}

async function caseRef(db: Knex, id: number): Promise<CaseRef | null> {
  const kase = await findCaseById(db, id);
  return kase ? { caseId: kase.id, caseNumber: kase.number } : null;
}

async function tagMatchesOf(db: Knex, subject: string, prefix: string) {
  const tagged = await findCasesByNumbers(db, caseTagsIn(subject, prefix));
  const participants = await participantsOf(db, tagged.map((c) => c.id));
  return tagged.map((c) => ({ caseId: c.id, caseNumber: c.number, clientAddress: c.clientAddress, participants: participants.get(c.id) ?? [] }));
}

// Links between cases: a stranger's letter naming someone's case, or a new problem on a case closed
// long ago, opens a new case that points at the old one, so staff see the connection from either side.
import type { Knex } from 'knex';

export type LinkRelation = 'mentions' | 'continues' | 'merged_into';

export interface CaseLink {
  caseId: number;
  linkedCaseId: number;
  relation: LinkRelation;
  reason: string;
  at: string;
}

export async function addLink(trx: Knex, link: CaseLink): Promise<void> {
  await trx('case_links').insert({ case_id: link.caseId, linked_case_id: link.linkedCaseId, relation: link.relation, reason: link.reason, at: link.at });
}

/** Links from or to the case, with the other case's number, oldest first. */
export async function linksOfCase(db: Knex, caseId: number): Promise<Array<{ otherNumber: string; relation: LinkRelation; direction: 'from' | 'to'; reason: string; at: string }>> {
  const rows = (await db('case_links as l')
    .join('cases as a', 'a.id', 'l.case_id')
    .join('cases as b', 'b.id', 'l.linked_case_id')
    .where('l.case_id', caseId)
    .orWhere('l.linked_case_id', caseId)
    .orderBy('l.id')
    .select('l.case_id', 'a.number as from_number', 'b.number as to_number', 'l.relation', 'l.reason', 'l.at')) as Array<{ case_id: number; from_number: string; to_number: string; relation: LinkRelation; reason: string; at: string }>;
  return rows.map((r) => (r.case_id === caseId
    ? { otherNumber: r.to_number, relation: r.relation, direction: 'to' as const, reason: r.reason, at: r.at }
    : { otherNumber: r.from_number, relation: r.relation, direction: 'from' as const, reason: r.reason, at: r.at }));
}

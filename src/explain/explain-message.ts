// What the daemon would do with one message, and why, as a plain object: the parsed summary, the
// automated-mail verdict, threading, the category, the reply split and the letters it would queue.
// Built from the pipeline's own planInbound, so it cannot disagree with what the daemon does.
import type { Knex } from 'knex';
import { UnparseableMessageError } from '../mail/errors';
import { planInbound, type InboundPlan, type PipelineDeps } from '../pipeline';
import { lettersOnRegister } from '../cases/register';
import type { CategoryVerdict } from '../rules/verdict';
import type { StaffLetterPlan } from '../cases/staff-letter';

export interface Explanation {
  file: string;
  outcome: string;
  reason: string;
  parsed: { from: string | null; fromName: string; subject: string; language: string | null; charsets: string[]; repairs: string[]; attachments: Array<{ name: string; size: number }> } | null;
  automated: { automated: boolean; reason: string | null };
  thread: { kind: 'follow_up' | 'new' | 'none'; caseNumber: string | null; via: string | null; reason: string; notes: string[]; linkedTo: string | null };
  effect: { kind: string; reason: string } | null;
  /** On a case: who wrote, and for staff what their commands would do or why they are wrong. */
  sender: { kind: string; reason: string; actions: string[]; errors: string[] } | null;
  category: (Pick<CategoryVerdict, 'category' | 'source' | 'confidence' | 'needsReview' | 'reason' | 'evidence'>) | null;
  reply: { text: string; quote: string; signature: string; thanksOnly: boolean };
  letters: Array<{ kind: string; to: string[] }>;
}

type Deps = Pick<PipelineDeps, 'threading' | 'categorize' | 'readReply' | 'limits' | 'parser' | 'desk'>;

export async function explainMessage(db: Knex, deps: Deps, file: string, raw: Buffer, now: Date): Promise<Explanation> {
  let plan: InboundPlan;
  try {
    plan = await planInbound(db, deps, await deps.parser.parse(raw, deps.limits), now, raw);
  } catch (err) {
    if (!(err instanceof UnparseableMessageError)) throw err;
    return { file, outcome: 'quarantined', reason: err.reason, parsed: null, automated: { automated: false, reason: null }, thread: none('not parsed'), effect: null, sender: null, category: null, reply: { text: '', quote: '', signature: '', thanksOnly: false }, letters: [] };
  }
  const { parsed, thread } = plan;
  return {
    file,
    outcome: plan.outcome,
    reason: plan.reason,
    parsed: {
      from: parsed.from?.address ?? null, fromName: parsed.from?.name ?? '', subject: parsed.subject, language: parsed.language,
      charsets: parsed.charsets, repairs: parsed.repairs, attachments: parsed.attachments.map((a) => ({ name: a.safeName, size: a.size })),
    },
    automated: { automated: plan.automated.automated, reason: plan.automated.reason },
    thread: thread === null ? none('not threaded (duplicate)') : {
      kind: thread.kind,
      caseNumber: thread.kind === 'follow_up' ? thread.caseNumber : null,
      via: thread.kind === 'follow_up' ? thread.via : null,
      reason: thread.reason,
      notes: thread.notes,
      linkedTo: plan.outcome === 'registered' ? (plan.link?.caseNumber ?? null) : null,
    },
    effect: plan.outcome === 'follow_up' ? plan.effect : null,
    sender: plan.outcome === 'follow_up' ? senderOf(plan.sender) : null,
    category: plan.outcome === 'registered' ? verdictOf(plan.verdict) : null,
    reply: { ...plan.reply, thanksOnly: plan.thanksOnly },
    letters: plan.outcome === 'registered' && parsed.from ? await lettersOnRegister(db, deps.desk, parsed.from.address, plan.verdict.department) : [],
  };
}

/** `--text`: a bare body (a reply fixture, a paragraph to test a rule on): the reply split and the category of its new words. */
export function explainText(deps: Deps, file: string, text: string): Explanation {
  const { split, thanksOnly } = deps.readReply({ text, html: null });
  const verdict = deps.categorize({ subject: '', text: split.text || text, fromAddress: '', headers: {}, attachmentNames: [] });
  return {
    file, outcome: 'text', reason: 'a bare text body: no headers to thread by', parsed: null, automated: { automated: false, reason: null },
    thread: none('a bare text body has no headers to thread by'), effect: null, sender: null, category: verdictOf(verdict), reply: { ...split, thanksOnly }, letters: [],
  };
}

function senderOf(p: StaffLetterPlan | null): Explanation['sender'] {
  if (!p) return null;
  if (p.kind === 'staff') {
    return p.result.ok
      ? { kind: 'staff', reason: `${p.member.address} acts as staff (via ${p.via})`, actions: p.result.actions.map((a) => a.type), errors: [] }
      : { kind: 'staff', reason: `${p.member.address} acts as staff (via ${p.via}), but the letter has errors: nothing would apply`, actions: [], errors: p.result.errors.map((e) => `line ${e.line}: ${e.message.en}`) };
  }
  if (p.kind === 'refused') return { kind: 'refused', reason: `${p.event}: ${p.reason}`, actions: [], errors: [] };
  return { kind: p.kind, reason: p.reason, actions: [], errors: [] };
}

function verdictOf(v: CategoryVerdict): NonNullable<Explanation['category']> {
  return { category: v.category, source: v.source, confidence: v.confidence, needsReview: v.needsReview, reason: v.reason, evidence: v.evidence };
}

function none(reason: string): Explanation['thread'] {
  return { kind: 'none', caseNumber: null, via: null, reason, notes: [], linkedTo: null };
}

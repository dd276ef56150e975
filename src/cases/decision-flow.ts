// The decision on a complaint, organised: recorded with its reasoning, sent to the client at once or,
// when configuration asks for approval, shown as a draft to the department's supervisor first; the
// letter leaves only on approval, and a return goes back to the agent with the reason.
import type { Knex } from 'knex';
import type { CaseRow } from '../store/case-repo';
import { messagesOfCase } from '../store/message-repo';
import { addHistory } from '../store/history-repo';
import { insertDecision, pendingDecision, resolveDecision, type DecisionRow } from '../store/decision-repo';
import type { StaffMember } from '../staff/directory';
import type { DecisionOutcome } from './decision-outcome';
import type { TemplateName } from '../templates/catalogue';
import { taggedSubject } from './case-number';
import { caseView, localeOf } from './case-view';
import { memberRecipient, toClient, toStaff, type StaffRecipient } from './case-letters';
import { moveCase } from './move-case';
import type { Desk } from './desk';

export interface ActContext {
  desk: Desk;
  kase: CaseRow;
  actor: StaffMember;
  now: Date;
}

const OUTCOME_NAMES: Record<DecisionOutcome, { ru: string; en: string }> = {
  accepted: { ru: 'удовлетворить', en: 'accepted' },
  partial: { ru: 'удовлетворить частично', en: 'partly accepted' },
  rejected: { ru: 'отказать', en: 'rejected' },
};
// What the client asked, quoted in the decision letter: the complaint's own words, not a whole thread.
const MAX_ASKED = 1500;

export async function decide(trx: Knex, ctx: ActContext, d: { outcome: DecisionOutcome; reasoning: string; needsApproval: boolean }): Promise<string> {
  const at = ctx.now.toISOString();
  const decision = await insertDecision(trx, { caseId: ctx.kase.id, outcome: d.outcome, reasoning: d.reasoning, decidedBy: ctx.actor.address, state: d.needsApproval ? 'awaiting_approval' : 'issued' }, at);
  await addHistory(trx, ctx.kase.id, at, { event: 'decision_recorded', actor: ctx.actor.address, reason: `decision ${d.outcome}${d.needsApproval ? ', waiting for approval' : ''}: ${d.reasoning}`, details: { decision: decision.id } });
  if (!d.needsApproval) return issue(trx, ctx, decision, { type: 'decide', requiresApproval: false });
  await moveCase(trx, ctx.desk, ctx.kase, { type: 'decide', requiresApproval: true }, { actor: ctx.actor.address, why: `decision ${d.outcome} waits for approval`, now: ctx.now });
  const approvers = approversOf(ctx.desk, ctx.kase);
  const draftLocale = localeOf(ctx.kase.locale, ctx.desk.defaultLocale);
  const draft = ctx.desk.catalogue.render(templateOf(d.outcome), draftLocale, { ...caseView(ctx.desk, ctx.kase, draftLocale, ctx.now), ...(await letterData(trx, decision)) });
  for (const r of approvers) {
    const locale = localeOf(r.locale, ctx.desk.defaultLocale);
    await toStaff(trx, ctx.desk, ctx.kase, r, {
      kind: 'approval_request', template: 'staff-approval-request', now: ctx.now,
      data: { decision: { outcomeName: OUTCOME_NAMES[d.outcome][locale], reasoning: d.reasoning, byName: ctx.actor.name }, draft: { subject: taggedSubject(ctx.kase.number, draft.subject), text: draft.text } },
    });
  }
  await addHistory(trx, ctx.kase.id, at, { event: 'approval_requested', actor: 'daemon', reason: `draft decision sent for approval to ${approvers.map((r) => r.address).join(', ') || 'nobody (no supervisor or admin in the directory)'}` });
  return `decision ${d.outcome} waits for approval by ${approvers.map((r) => r.address).join(', ') || 'a supervisor'}`;
}

export async function approve(trx: Knex, ctx: ActContext): Promise<string> {
  const decision = await pending(trx, ctx.kase.id);
  await addHistory(trx, ctx.kase.id, ctx.now.toISOString(), { event: 'decision_approved', actor: ctx.actor.address, reason: `decision ${decision.outcome} of ${decision.decidedBy} approved by ${ctx.actor.address}` });
  return issue(trx, ctx, decision, { type: 'approve' });
}

export async function returnDecision(trx: Knex, ctx: ActContext, reason: string): Promise<string> {
  const decision = await pending(trx, ctx.kase.id);
  const at = ctx.now.toISOString();
  await resolveDecision(trx, decision.id, { state: 'returned', by: ctx.actor.address, returnReason: reason }, at);
  await moveCase(trx, ctx.desk, ctx.kase, { type: 'return' }, { actor: ctx.actor.address, why: `decision returned: ${reason}`, now: ctx.now });
  const agent = memberRecipient(ctx.desk, ctx.kase.id, decision.decidedBy);
  const locale = localeOf(agent.locale, ctx.desk.defaultLocale);
  await toStaff(trx, ctx.desk, ctx.kase, agent, { kind: 'decision_returned', template: 'staff-decision-returned', now: ctx.now, data: { reason, byName: ctx.actor.name, decision: { outcomeName: OUTCOME_NAMES[decision.outcome][locale] } } });
  await addHistory(trx, ctx.kase.id, at, { event: 'decision_returned', actor: ctx.actor.address, reason: `decision ${decision.outcome} of ${decision.decidedBy} returned: ${reason}` });
  return `decision ${decision.outcome} returned to ${decision.decidedBy}: ${reason}`;
}

/** The decision letter goes to the client, threaded to the complaint, and the case is decided. */
async function issue(trx: Knex, ctx: ActContext, decision: DecisionRow, event: { type: 'approve' } | { type: 'decide'; requiresApproval: false }): Promise<string> {
  const at = ctx.now.toISOString();
  const letter = await toClient(trx, ctx.desk, ctx.kase, { kind: 'decision', template: templateOf(decision.outcome), now: ctx.now, data: await letterData(trx, decision) });
  await resolveDecision(trx, decision.id, { state: 'issued', by: ctx.actor.address, letterOutboxId: letter.outboxId }, at);
  await moveCase(trx, ctx.desk, ctx.kase, event, { actor: ctx.actor.address, why: `decision ${decision.outcome} issued`, now: ctx.now });
  await addHistory(trx, ctx.kase.id, at, { event: 'decision_queued', actor: 'daemon', reason: `decision letter (${decision.outcome}) queued to the client`, details: letter });
  return `decision ${decision.outcome} sent to the client`;
}

async function pending(trx: Knex, caseId: number): Promise<DecisionRow> {
  const decision = await pendingDecision(trx, caseId);
  // The resolver lets #approve and #return through only while the case awaits approval.
  if (!decision) throw new Error('no decision awaits approval');
  return decision;
}

async function letterData(db: Knex, decision: DecisionRow): Promise<Record<string, unknown>> {
  const complaint = (await messagesOfCase(db, decision.caseId))[0];
  const asked = (complaint?.reply?.text || complaint?.text || '').trim();
  return { reasoning: decision.reasoning, decision: { outcome: decision.outcome }, asked: asked.length > MAX_ASKED ? `${asked.slice(0, MAX_ASKED)}…` : asked };
}

function templateOf(outcome: DecisionOutcome): TemplateName {
  return `decision-${outcome}`;
}

/** The department's supervisor; without one, the admins; without those, whoever is told of every case. */
function approversOf(desk: Desk, kase: CaseRow): StaffRecipient[] {
  const supervisor = kase.department ? desk.directory.supervisorOf(kase.department) : null;
  const people = supervisor ? [supervisor.address] : desk.directory.members.filter((m) => m.role === 'admin').map((m) => m.address);
  return (people.length > 0 ? people : [...desk.alsoNotify]).map((a) => memberRecipient(desk, kase.id, a));
}

// A letter on a case from someone who may be staff. Deciding (who is writing, may they act, what do
// their commands ask) reads only, so `explain` can show it; applying records the letter, carries out
// its commands all or nothing with the letters they cause, and answers the sender with a confirmation
// or the list of wrong lines. An attempt to act as staff that fails authentication is refused, kept
// as an ordinary message, recorded as a security event, and the supervisor is told.
import type { Knex } from 'knex';
import type { ParsedMessage } from '../mail/parsed-message';
import type { CaseRow } from '../store/case-repo';
import { addHistory } from '../store/history-repo';
import type { TokenVerdict } from '../staff/reply-token';
import { authenticateSender, type ReplyTokenCheck, type SenderDecision } from '../staff/authenticate-sender';
import { isAuthenticatedFor } from '../staff/authentication-results';
import type { StaffMember } from '../staff/directory';
import { parseDeadlineArgument } from '../deadlines/deadline-argument';
import { parseStaffReply } from './commands/parse-commands';
import { resolveStaffReply, type ResolveResult } from './commands/resolve-commands';
import { applyActions, checkMergeTarget } from './commands/apply-actions';
import { renderCommandHelp } from './commands/command-table';
import { memberRecipient, toStaff } from './case-letters';
import { raiseAlert } from '../alerts/raise-alert';
import { localeOf } from './case-view';
import type { Desk } from './desk';

export type StaffLetterPlan =
  | { kind: 'staff'; member: StaffMember; via: string; hadCommands: boolean; result: ResolveResult }
  | Exclude<SenderDecision, { kind: 'staff' }>;

/** Who is writing on the case and what their letter may do. */
export async function planStaffLetter(db: Knex, desk: Desk, kase: CaseRow, p: { parsed: ParsedMessage; newText: string; token: TokenVerdict; now: Date }): Promise<StaffLetterPlan> {
  const fromAddress = p.parsed.from?.address ?? '';
  const member = desk.directory.byAddress(fromAddress);
  const parsedReply = parseStaffReply(p.newText);
  const recipients = [...p.parsed.to, ...p.parsed.cc].map((a) => a.address);
  const decision = authenticateSender({
    fromAddress, member, token: tokenCheck(p.token), caseId: kase.id, isCaseClient: fromAddress === kase.clientAddress,
    auth: desk.auth ? isAuthenticatedFor(p.parsed.headers['authentication-results'] ?? [], { ...desk.auth, fromAddress }) : null,
    hasCommands: parsedReply.commands.length + parsedReply.errors.length > 0, addressedToClient: recipients.includes(kase.clientAddress),
  });
  if (decision.kind !== 'staff') return decision;
  const result = await resolveOnCase(db, desk, kase, decision.member, parsedReply, p.now);
  return { kind: 'staff', member: decision.member, via: decision.via, hadCommands: parsedReply.commands.length > 0 || parsedReply.errors.length > 0, result };
}

/** The one resolution of a staff letter's commands against the case, for mail and the command line alike. */
export async function resolveOnCase(db: Knex, desk: Desk, kase: CaseRow, sender: StaffMember, parsedReply: ReturnType<typeof parseStaffReply>, now: Date): Promise<ResolveResult> {
  const result = resolveStaffReply(parsedReply, {
    categories: [...desk.categories.categories.values()], departments: [...desk.categories.departments.values()], directory: desk.directory, sender,
    caseNumberFormat: { prefix: desk.numberPrefix, digits: desk.sequenceDigits }, kase: { number: kase.number, status: kase.status, department: kase.department },
    requireApproval: desk.requireApproval, now,
    parseDeadline: (text) => {
      const parsed = parseDeadlineArgument(text, now, desk.calendar, desk.deadlines);
      return parsed.ok ? { ok: true, at: parsed.deadline } : { ok: false, message: parsed.error };
    },
  });
  if (!result.ok) return result;
  const merge = result.actions.find((a) => a.type === 'merge');
  const problem = merge ? await checkMergeTarget(db, kase, merge.into) : null;
  if (!problem) return result;
  const line = parsedReply.commands.find((c) => c.id === 'merge');
  return { ok: false, errors: [{ line: line?.line ?? 0, raw: line?.raw ?? '', message: problem }] };
}

/** Applies a staff member's letter: actions and confirmation, or nothing and the error letter. Returns the history's reason. */
export async function applyStaffLetter(trx: Knex, desk: Desk, kase: CaseRow, plan: Extract<StaffLetterPlan, { kind: 'staff' }>, now: Date): Promise<string> {
  const reader = memberRecipient(desk, kase.id, plan.member.address);
  const locale = localeOf(reader.locale, desk.defaultLocale);
  if (!plan.result.ok) {
    const errors = plan.result.errors.map((e) => ({ line: e.line, raw: e.raw, message: e.message[locale] }));
    await toStaff(trx, desk, kase, reader, { kind: 'command_errors', template: 'staff-command-errors', now, data: { errors, commandsHelp: renderCommandHelp(locale) } });
    await addHistory(trx, kase.id, now.toISOString(), { event: 'commands_refused', actor: plan.member.address, reason: `nothing applied: ${errors.map((e) => `line ${e.line}: ${e.message}`).join('; ')}` });
    return `staff letter from ${plan.member.address} with errors: nothing applied, error letter sent`;
  }
  const changes = await applyActions(trx, { desk, kase, actor: plan.member, now }, plan.result.actions);
  if (plan.hadCommands) await toStaff(trx, desk, kase, reader, { kind: 'command_result', template: 'staff-command-result', now, data: { changes } });
  return `staff letter from ${plan.member.address} (via ${plan.via}): ${changes.join('; ')}`;
}

/** A refused attempt to act as staff: recorded with its stable event name, and the supervisor told once. */
export async function refuseStaffLetter(trx: Knex, desk: Desk, kase: CaseRow, plan: Extract<StaffLetterPlan, { kind: 'refused' }>, letter: { from: string; messageId: string | null }, now: Date): Promise<void> {
  await addHistory(trx, kase.id, now.toISOString(), { event: plan.event, actor: 'daemon', reason: `not applied, kept as an ordinary message: ${plan.reason}`, details: { sender: letter.from } });
  await raiseAlert(trx, desk, {
    kind: 'refused_staff', rule: plan.event, reason: `${letter.from}: ${plan.reason}`, dedupe: `refused_staff:${kase.id}:${letter.messageId ?? now.toISOString()}`,
    whatToDo: 'The letter is kept on the case as an ordinary message; no command ran and nothing went to the client. If a colleague wrote it, ask them to reply to the case\'s letters (they carry a signed reply address) from their directory address; if not, it is a forgery: check who has access to the correspondence.',
  }, kase, now);
}

/** The reply token as sender authentication sees it: a department token is a staff token of its members. */
function tokenCheck(t: TokenVerdict): ReplyTokenCheck {
  if (t.status === 'none') return t;
  if (t.status === 'invalid') return { status: 'invalid', kind: t.kind === 'department' ? 'staff' : t.kind, reason: t.reason };
  return { status: 'valid', kind: t.kind === 'client' ? 'client' : 'staff', caseId: t.caseId };
}

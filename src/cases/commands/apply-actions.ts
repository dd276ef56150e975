// Carries out a staff letter's actions, already checked as a whole by the resolver, in the caller's
// transaction together with every letter they cause: one implementation for commands by mail and
// on the command line. Returns one line per change, for the confirmation letter and the terminal.
import type { Knex } from 'knex';
import { findCaseById, findCaseByNumber, updateCase, type CaseRow } from '../../store/case-repo';
import { addHistory } from '../../store/history-repo';
import { messagesOfCase } from '../../store/message-repo';
import { addParticipants, participantsOf } from '../../store/participant-repo';
import { addLink } from '../../store/case-link-repo';
import { changeCategory } from '../set-category';
import { refreshDeadline } from '../case-deadline';
import { planDeadlineJobs } from '../deadline-schedule';
import { noticeDepartment } from '../department-notice';
import { caseRecipients, memberRecipient, toClient, toStaff } from '../case-letters';
import { localeOf } from '../case-view';
import { moveCase } from '../move-case';
import { approve, decide, returnDecision, type ActContext } from '../decision-flow';
import { renderCommandHelp } from './command-table';
import { caseEventOf, type StaffAction } from './staff-action';

export async function applyActions(trx: Knex, ctx: ActContext, actions: readonly StaffAction[]): Promise<string[]> {
  const changes: string[] = [];
  for (const action of actions) {
    // Each step sees what the steps before it changed.
    const kase = await findCaseById(trx, ctx.kase.id);
    if (!kase) throw new Error(`case ${ctx.kase.number} vanished`);
    changes.push(await applyOne(trx, { ...ctx, kase }, action));
  }
  return changes;
}

async function applyOne(trx: Knex, ctx: ActContext, action: StaffAction): Promise<string> {
  const { desk, kase, actor, now } = ctx;
  const at = now.toISOString();
  const by = { actor: actor.address, now };
  switch (action.type) {
    case 'setStatus': {
      const event = caseEventOf(action);
      if (!event) throw new Error('a status change without an event');
      return `status ${await moveCase(trx, desk, kase, event, { ...by, why: `set by ${actor.address}` })}`;
    }
    case 'assign': {
      await updateCase(trx, kase.id, { assignee: action.address }, at);
      await addHistory(trx, kase.id, at, { event: 'assigned', actor: actor.address, reason: `assigned to ${action.address} by ${actor.address}` });
      if (action.address !== actor.address) await tellAssignee(trx, ctx, action.address);
      return `assignee ${action.address}`;
    }
    case 'setCategory': {
      const category = desk.categories.categories.get(action.id);
      if (!category) throw new Error(`unknown category ${action.id}`);
      const changed = await changeCategory(trx, kase, category, actor.address, now);
      const updated = await findCaseById(trx, kase.id);
      if (updated) await noticeDepartment(trx, desk, updated, changed, now);
      return changed;
    }
    case 'setPriority':
      await updateCase(trx, kase.id, { priority: action.priority }, at);
      await addHistory(trx, kase.id, at, { event: 'priority_changed', actor: actor.address, reason: `priority ${kase.priority ?? 'none'} -> ${action.priority}` });
      return `priority ${action.priority}`;
    case 'setDepartment':
      return moveToDepartment(trx, ctx, action.id);
    case 'setDeadline':
      return setDeadline(trx, ctx, action.at, action.reason);
    case 'note':
      await addHistory(trx, kase.id, at, { event: 'note', actor: actor.address, reason: action.text });
      return 'internal note recorded (not sent to the client)';
    case 'ask':
      await toClient(trx, desk, kase, { kind: 'info_request', template: 'client-info-request', now, data: { text: action.text } });
      await moveCase(trx, desk, kase, { type: 'ask_client' }, { ...by, why: 'information requested from the client' });
      await addHistory(trx, kase.id, at, { event: 'info_requested', actor: actor.address, reason: action.text });
      return 'request for information sent to the client; the case waits for the answer';
    case 'reply':
      await toClient(trx, desk, kase, { kind: 'answer', template: 'client-answer', now, data: { text: action.text, staffName: actor.name } });
      await addHistory(trx, kase.id, at, { event: 'answer_queued', actor: actor.address, reason: `answer to the client: ${action.text.slice(0, 200)}` });
      return 'answer sent to the client';
    case 'decide':
      return decide(trx, ctx, action);
    case 'approve':
      return approve(trx, ctx);
    case 'return':
      return returnDecision(trx, ctx, action.reason);
    case 'close':
      return `status ${await moveCase(trx, desk, kase, { type: 'close' }, { ...by, why: `closed by ${actor.address}` })}`;
    case 'reopen':
      return `status ${await moveCase(trx, desk, kase, { type: 'reopen' }, { ...by, why: `reopened by ${actor.address}` })}`;
    case 'merge':
      return merge(trx, ctx, action.into);
  }
}

async function tellAssignee(trx: Knex, ctx: ActContext, address: string): Promise<void> {
  const r = memberRecipient(ctx.desk, ctx.kase.id, address);
  const complaint = (await messagesOfCase(trx, ctx.kase.id))[0];
  await toStaff(trx, ctx.desk, ctx.kase, r, {
    kind: 'staff_assigned', template: 'staff-assigned', now: ctx.now,
    data: { byName: ctx.actor.name, text: complaint?.reply?.text || complaint?.text || '', commandsHelp: renderCommandHelp(localeOf(r.locale, ctx.desk.defaultLocale)) },
  });
}

async function moveToDepartment(trx: Knex, ctx: ActContext, id: string): Promise<string> {
  const { desk, kase, actor, now } = ctx;
  const at = now.toISOString();
  // An assignee from another department no longer holds the case: the new department's queue does.
  const keepsAssignee = kase.assignee !== null && desk.directory.byAddress(kase.assignee)?.department === id;
  await updateCase(trx, kase.id, { department: id, ...(keepsAssignee ? {} : { assignee: null }) }, at);
  await addHistory(trx, kase.id, at, { event: 'department_changed', actor: actor.address, reason: `department ${kase.department ?? 'none'} -> ${id} by ${actor.address}` });
  const moved = await findCaseById(trx, kase.id);
  if (!moved) throw new Error(`case ${kase.number} vanished`);
  const complaint = (await messagesOfCase(trx, kase.id))[0];
  for (const r of caseRecipients(desk, moved)) {
    const locale = localeOf(r.locale, desk.defaultLocale);
    await toStaff(trx, desk, moved, r, {
      kind: 'staff_notice', template: 'staff-new-case', now,
      data: {
        transfer: `${actor.name} <${actor.address}>`, text: complaint?.reply?.text || complaint?.text || '', attachments: [], routing: '', commandsHelp: renderCommandHelp(locale),
        verdict: { categoryName: moved.category ? desk.categoryName(moved.category, locale) : '', reason: 'set by staff', needsReview: moved.needsReview, confidencePercent: 100 },
      },
    });
  }
  return `department ${id}`;
}

async function setDeadline(trx: Knex, ctx: ActContext, deadline: Date, reason: string): Promise<string> {
  const { desk, kase, actor, now } = ctx;
  const at = now.toISOString();
  const before = kase.deadlineAt;
  await updateCase(trx, kase.id, { deadlineOverride: { at: deadline.toISOString(), setAt: at } }, at);
  kase.deadlineOverrideAt = deadline.toISOString();
  kase.deadlineOverrideSetAt = at;
  const effective = await refreshDeadline(trx, desk, kase, now);
  await planDeadlineJobs(trx, desk, kase, now);
  await addHistory(trx, kase.id, at, { event: 'deadline_changed', actor: actor.address, reason: `deadline ${before ?? 'none'} -> ${effective.deadline.toISOString()}: ${reason}` });
  // The client is told when they will wait longer than they were promised.
  if (!before || effective.deadline.getTime() > Date.parse(before)) {
    await toClient(trx, desk, kase, { kind: 'deadline_extended', template: 'client-deadline-extended', now, data: { newDeadline: effective.deadline.toISOString(), reason } });
    return `deadline ${effective.deadline.toISOString()}; the client is told of the extension`;
  }
  return `deadline ${effective.deadline.toISOString()}`;
}

async function merge(trx: Knex, ctx: ActContext, into: string): Promise<string> {
  const { desk, kase, actor, now } = ctx;
  const at = now.toISOString();
  const target = await findCaseByNumber(trx, into);
  // Checked before anything applied (see checkMergeTarget); still, never merge into nothing.
  if (!target) throw new Error(`no case ${into}`);
  await moveCase(trx, desk, kase, { type: 'merged' }, { actor: actor.address, why: `merged into ${target.number}`, now });
  await updateCase(trx, kase.id, { mergedInto: target.id }, at);
  await addLink(trx, { caseId: kase.id, linkedCaseId: target.id, relation: 'merged_into', reason: `merged by ${actor.address}`, at });
  await addParticipants(trx, target.id, (await participantsOf(trx, [kase.id])).get(kase.id) ?? [], at);
  await addHistory(trx, target.id, at, { event: 'merged_in', actor: actor.address, reason: `case ${kase.number} was merged into this one by ${actor.address}` });
  return `merged into ${target.number}`;
}

/** A merge target must exist and still be open: checked before anything applies, so a letter stays all or nothing. */
export async function checkMergeTarget(db: Knex, from: CaseRow, into: string): Promise<{ en: string; ru: string } | null> {
  const target = await findCaseByNumber(db, into);
  if (!target) return { en: `There is no case ${into}.`, ru: `Претензии ${into} нет.` };
  if (target.id === from.id) return { en: 'A case cannot be merged into itself.', ru: 'Претензию нельзя объединить с ней самой.' };
  if (target.status === 'merged' || target.status === 'closed') return { en: `Case ${into} is ${target.status}; merge into an open case.`, ru: `Претензия ${into} закрыта или объединена; объединяйте с открытой.` };
  return null;
}

// Turns a parsed staff reply into the actions to apply, or into the list of every wrong line. A
// letter applies all or nothing, so everything is checked here first, the case's status steps
// included: the applier then only carries out actions already known to be possible.
import { transition, type CaseStatus } from '../case-state';
import type { NumberFormat } from '../case-number';
import type { DecisionOutcome } from '../decision-outcome';
import type { StaffDirectory, StaffMember } from '../../staff/directory';
import type { LocalizedText } from '../../templates/localized-text';
import { OUTCOME_WORDS, PRIORITY_WORDS, STATUS_WORDS, matchWord, specOf } from './command-table';
import type { CommandError, ParsedStaffReply, RawCommand } from './parse-commands';
import { resolveAssignee, resolveCaseNumber, resolveDeadline, resolveNamed, type NamedEntry, type ParseDeadline, type Resolved } from './resolve-arguments';
import { caseEventOf, type StaffAction } from './staff-action';

export interface ResolveContext {
  categories: ReadonlyArray<{ readonly id: string; readonly names: { readonly ru: string; readonly en: string } }>;
  departments: ReadonlyArray<{ readonly id: string; readonly name: string }>;
  directory: StaffDirectory;
  /** The directory member the letter comes from, already authenticated. */
  sender: StaffMember;
  caseNumberFormat: NumberFormat;
  kase: { readonly number: string; readonly status: CaseStatus; readonly department: string | null };
  /** decisions.requireApproval from config. */
  requireApproval: readonly DecisionOutcome[];
  now: Date;
  parseDeadline: ParseDeadline;
}

export type ResolveResult =
  | { ok: true; actions: StaffAction[]; message: string; /** The case's status once the actions are applied. */ status: CaseStatus }
  | { ok: false; errors: CommandError[] };

interface Progress {
  status: CaseStatus;
  department: string | null;
  /** The command that made the message its text (note, request, answer, reasoning or reason). */
  textOwner: RawCommand | null;
}

interface Step {
  action: StaffAction;
  usesText: boolean;
}

const EMPTY_REPLY: LocalizedText = {
  en: 'The reply has neither commands nor text: nothing to do.',
  ru: 'В ответе нет ни команд, ни текста: делать нечего.',
};

export function resolveStaffReply(parsed: ParsedStaffReply, ctx: ResolveContext): ResolveResult {
  const errors = [...parsed.errors];
  const { message } = parsed;
  if (parsed.commands.length === 0) {
    if (errors.length > 0) return { ok: false, errors };
    if (!message) return { ok: false, errors: [{ line: 0, raw: '', message: EMPTY_REPLY }] };
    return { ok: true, actions: [{ type: 'reply', text: message }], message, status: ctx.kase.status };
  }

  const progress: Progress = { status: ctx.kase.status, department: ctx.kase.department, textOwner: null };
  const actions: StaffAction[] = [];
  for (const command of parsed.commands) {
    const step = resolveOne(command, message, ctx, progress);
    const problem = step.ok ? applyStep(command, step.value, progress) : step.message;
    if (problem) errors.push({ line: command.line, raw: command.raw, message: problem });
    else if (step.ok) actions.push(step.value.action);
  }
  // The error letter lists the lines in the order the sender wrote them.
  if (errors.length > 0) return { ok: false, errors: errors.sort((a, b) => a.line - b.line) };
  // Text beside commands is for colleagues unless a command sends it: a word meant for the team must
  // never reach the client by default. #reply sends it.
  if (!progress.textOwner && message) actions.push({ type: 'note', text: message });
  return { ok: true, actions, message, status: progress.status };
}

/** Checks the step against the letter so far and records it; a problem when it cannot be taken. */
function applyStep(command: RawCommand, step: Step, progress: Progress): LocalizedText | null {
  if (step.usesText && progress.textOwner) return textTaken(command, progress.textOwner);
  const event = caseEventOf(step.action);
  if (event) {
    const moved = transition(progress.status, event);
    if (!moved.ok) return moved.reason;
    progress.status = moved.status;
  }
  if (step.usesText) progress.textOwner = command;
  if (step.action.type === 'setDepartment') progress.department = step.action.id;
  return null;
}

function resolveOne(c: RawCommand, message: string, ctx: ResolveContext, progress: Progress): Resolved<Step> {
  const spec = specOf(c.id);
  const name = { en: `#${spec.names.en}`, ru: `#${spec.names.ru}` };
  const step = (action: StaffAction, usesText = false): Resolved<Step> => ({ ok: true, value: { action, usesText } });
  if (spec.argument === 'none' && c.arg) {
    return fail(`${name.en} takes nothing after it; write a comment below the commands.`, `После ${name.ru} ничего не пишется; комментарий напишите под командами.`);
  }
  switch (c.id) {
    case 'status':
      return word(STATUS_WORDS, c.arg, spec.usage, (status) => step({ type: 'setStatus', status }));
    case 'assign':
      return map(resolveAssignee(c.arg, ctx.directory, ctx.sender), (address) => step({ type: 'assign', address }));
    case 'category':
      return map(resolveNamed({ en: 'category', ru: 'причину' }, c.arg, categoryEntries(ctx)), (id) => step({ type: 'setCategory', id }));
    case 'priority':
      return word(PRIORITY_WORDS, c.arg, spec.usage, (priority) => step({ type: 'setPriority', priority }));
    case 'department':
      return map(resolveNamed({ en: 'department', ru: 'отдел' }, c.arg, departmentEntries(ctx)), (id) => step({ type: 'setDepartment', id }));
    case 'deadline':
      return map(resolveDeadline(c.arg, ctx.parseDeadline, ctx.now), ({ at, reason }) => {
        if (reason) return step({ type: 'setDeadline', at, reason });
        if (message) return step({ type: 'setDeadline', at, reason: message }, true);
        return fail('A new deadline needs a reason: after the date, or as the text below.', 'Для нового срока нужна причина: после даты или текстом ниже.');
      });
    case 'note':
    case 'ask':
    case 'reply': {
      const withText = joinText(c.arg, message);
      if (!withText) return fail(`${name.en} needs a text below the commands.`, `Для ${name.ru} нужен текст под командами.`);
      return step({ type: c.id, text: withText }, true);
    }
    case 'decision':
      return decision(c.arg, message, ctx, progress, spec.usage);
    case 'approve':
    case 'return':
      if (!ctx.directory.canApprove(ctx.sender, progress.department)) {
        return fail(`Only the department's supervisor or an admin can ${spec.names.en} a decision.`, `Согласовать или вернуть решение может только руководитель отдела или администратор.`);
      }
      if (c.id === 'approve') return step({ type: 'approve' });
      if (c.arg) return step({ type: 'return', reason: c.arg });
      if (message) return step({ type: 'return', reason: message }, true);
      return fail('#return needs the reason: on the line, or as the text below.', 'Для #вернуть нужна причина: в строке команды или текстом ниже.');
    case 'close':
      return step({ type: 'close' });
    case 'reopen':
      return step({ type: 'reopen' });
    case 'merge':
      return map(resolveCaseNumber(c.arg, ctx.caseNumberFormat, ctx.kase.number), (into) => step({ type: 'merge', into }));
  }
}

/** `#decision rejected <more>`: the outcome word, then the reasoning (the rest of the line and the text). */
function decision(arg: string, message: string, ctx: ResolveContext, progress: Progress, usage: LocalizedText): Resolved<Step> {
  const [first = '', ...rest] = arg.split(/\s+/).filter(Boolean);
  return word(OUTCOME_WORDS, first, usage, (outcome) => {
    const reasoning = joinText(rest.join(' '), message);
    if (!reasoning) return fail('A decision needs its reasoning as the text below the commands.', 'Для решения нужно обоснование текстом под командами.');
    // Whoever may approve the decision need not wait for someone else to.
    const needsApproval = ctx.requireApproval.includes(outcome) && !ctx.directory.canApprove(ctx.sender, progress.department);
    return { ok: true, value: { action: { type: 'decide', outcome, reasoning, needsApproval }, usesText: true } };
  });
}

function word<K extends string>(table: { readonly [Key in K]: readonly string[] }, arg: string, usage: LocalizedText, then: (key: K) => Resolved<Step>): Resolved<Step> {
  const key = matchWord(table, arg);
  if (key) return then(key);
  if (!arg) return fail(`Expected one of: ${usage.en}.`, `Ожидается одно из: ${usage.ru}.`);
  return fail(`"${arg}" is not one of: ${usage.en}.`, `«${arg}» — не одно из: ${usage.ru}.`);
}

function textTaken(c: RawCommand, owner: RawCommand): LocalizedText {
  const en = specOf(owner.id).names.en;
  const ru = specOf(owner.id).names.ru;
  const hint = c.id === 'deadline' || c.id === 'return' ? { en: ' Give the reason on the command\'s line.', ru: ' Укажите причину в строке команды.' } : { en: '', ru: '' };
  return {
    en: `The text below the commands already belongs to #${en} (line ${owner.line}); it can serve one purpose only.${hint.en}`,
    ru: `Текст под командами уже относится к #${ru} (строка ${owner.line}); у него может быть только одно назначение.${hint.ru}`,
  };
}

function categoryEntries(ctx: ResolveContext): NamedEntry[] {
  return ctx.categories.map((c) => ({ id: c.id, names: [c.names.ru, c.names.en], label: { en: `${c.id} (${c.names.en})`, ru: `${c.id} (${c.names.ru})` } }));
}

function departmentEntries(ctx: ResolveContext): NamedEntry[] {
  return ctx.departments.map((d) => ({ id: d.id, names: [d.name], label: { en: `${d.id} (${d.name})`, ru: `${d.id} (${d.name})` } }));
}

function joinText(line: string, message: string): string {
  return [line, message].filter(Boolean).join('\n\n');
}

function map<T>(r: Resolved<T>, then: (value: T) => Resolved<Step>): Resolved<Step> {
  return r.ok ? then(r.value) : r;
}

function fail(en: string, ru: string): Resolved<Step> {
  return { ok: false, message: { en, ru } };
}

// The life of a case as a closed set of statuses and the events allowed to move between them. Staff
// commands, client letters and timers all go through `transition`, so an impossible step (closing a
// decision that still waits for approval) is refused with a reason instead of silently applied.
import type { LocalizedText } from '../templates/localized-text';

/** In the order reports list them: from arrival to the end of the case. */
export const CASE_STATUSES = ['new', 'in_progress', 'awaiting_info', 'awaiting_approval', 'decided', 'reopened', 'closed', 'merged'] as const;

export type CaseStatus = (typeof CASE_STATUSES)[number];

type PlainEventType = 'take' | 'ask_client' | 'client_replied' | 'approve' | 'return' | 'close' | 'auto_close' | 'reopen' | 'client_reopened' | 'merged';

/** Whether a decision waits for a supervisor is configuration and the decider's role: the caller's input. */
export type CaseEvent = { readonly type: PlainEventType } | { readonly type: 'decide'; readonly requiresApproval: boolean };

export type CaseEventType = CaseEvent['type'];

export type Transition = { ok: true; status: CaseStatus } | { ok: false; reason: LocalizedText };

/** Names for reports, confirmations and the case list. */
export const STATUS_LABELS: { readonly [S in CaseStatus]: LocalizedText } = {
  new: { en: 'New', ru: 'Новая' },
  in_progress: { en: 'In progress', ru: 'В работе' },
  awaiting_info: { en: 'Awaiting the client', ru: 'Ждём клиента' },
  awaiting_approval: { en: 'Awaiting approval', ru: 'На согласовании' },
  decided: { en: 'Decided', ru: 'Решение принято' },
  reopened: { en: 'Reopened', ru: 'Открыта повторно' },
  closed: { en: 'Closed', ru: 'Закрыта' },
  merged: { en: 'Merged', ru: 'Объединена' },
};

// The case is still being worked on: it can be decided, asked about, merged or closed.
const WORKING: readonly CaseStatus[] = ['new', 'in_progress', 'awaiting_info', 'reopened'];

const TARGETS: { readonly [E in PlainEventType]: Partial<Record<CaseStatus, CaseStatus>> } = {
  take: { new: 'in_progress', reopened: 'in_progress', awaiting_info: 'in_progress' },
  // Asking again while waiting is a second request, not an error.
  ask_client: from(WORKING, 'awaiting_info'),
  client_replied: { awaiting_info: 'in_progress' },
  approve: { awaiting_approval: 'decided' },
  return: { awaiting_approval: 'in_progress' },
  // Not from awaiting_approval: closing would bypass the approval the configuration asks for.
  close: from([...WORKING, 'decided'], 'closed'),
  // Timers close only a case that waits on the client: for an answer, or after a decision.
  auto_close: { awaiting_info: 'closed', decided: 'closed' },
  reopen: { decided: 'reopened', closed: 'reopened' },
  client_reopened: { decided: 'reopened', closed: 'reopened' },
  merged: from(WORKING, 'merged'),
};

export function transition(status: CaseStatus, event: CaseEvent): Transition {
  const target = event.type === 'decide'
    ? (WORKING.includes(status) ? (event.requiresApproval ? 'awaiting_approval' : 'decided') : undefined)
    : TARGETS[event.type][status];
  return target ? { ok: true, status: target } : { ok: false, reason: refusal(status, event.type) };
}

/** Not finished: the case still appears in open lists and can change. */
export function isOpen(status: CaseStatus): boolean {
  return status !== 'closed' && status !== 'merged';
}

/** The organisation has given its answer (or the case ended): the answer deadline no longer runs. */
export function isDecidedOrClosed(status: CaseStatus): boolean {
  return status === 'decided' || status === 'closed' || status === 'merged';
}

/** Waiting for the client stops the clock: the organisation cannot answer what it has not been told. */
export function pausesDeadline(status: CaseStatus): boolean {
  return status === 'awaiting_info';
}

function from(statuses: readonly CaseStatus[], target: CaseStatus): Partial<Record<CaseStatus, CaseStatus>> {
  return Object.fromEntries(statuses.map((s) => [s, target]));
}

const EVENT_VERBS: { readonly [E in CaseEventType]: LocalizedText } = {
  take: { en: 'take the case into work', ru: 'взять претензию в работу' },
  ask_client: { en: 'ask the client for information', ru: 'запросить информацию у клиента' },
  client_replied: { en: 'record the client\'s answer', ru: 'принять ответ клиента' },
  decide: { en: 'record a decision', ru: 'принять решение' },
  approve: { en: 'approve a decision', ru: 'согласовать решение' },
  return: { en: 'return a decision', ru: 'вернуть решение' },
  close: { en: 'close the case', ru: 'закрыть претензию' },
  auto_close: { en: 'close the case automatically', ru: 'закрыть претензию автоматически' },
  reopen: { en: 'reopen the case', ru: 'открыть претензию заново' },
  client_reopened: { en: 'reopen the case at the client\'s letter', ru: 'открыть претензию заново по письму клиента' },
  merged: { en: 'merge the case', ru: 'объединить претензию' },
};

const STATUS_PHRASES: { readonly [S in CaseStatus]: LocalizedText } = {
  new: { en: 'is new', ru: 'новая' },
  in_progress: { en: 'is already in progress', ru: 'уже в работе' },
  awaiting_info: { en: 'is awaiting the client', ru: 'ждёт ответа клиента' },
  awaiting_approval: { en: 'has a decision awaiting approval', ru: 'на согласовании' },
  decided: { en: 'is decided', ru: 'уже решена' },
  reopened: { en: 'is reopened', ru: 'открыта повторно' },
  closed: { en: 'is closed', ru: 'закрыта' },
  merged: { en: 'was merged into another case', ru: 'объединена с другой' },
};

function refusal(status: CaseStatus, event: CaseEventType): LocalizedText {
  const verb = EVENT_VERBS[event];
  const state = STATUS_PHRASES[status];
  const h = hint(status, event);
  return {
    en: `Cannot ${verb.en}: the case ${state.en}${h ? ` (${h.en})` : ''}.`,
    ru: `Нельзя ${verb.ru}: претензия ${state.ru}${h ? ` (${h.ru})` : ''}.`,
  };
}

/** What the sender can do instead, where that is not obvious from the status. */
function hint(status: CaseStatus, event: CaseEventType): LocalizedText | null {
  if (status === 'merged') return { en: 'act on the case it was merged into', ru: 'действуйте в претензии, с которой она объединена' };
  if (status === 'awaiting_approval') return { en: 'a supervisor approves or returns the decision first', ru: 'сначала руководитель согласует или вернёт решение' };
  if (event === 'approve' || event === 'return') return { en: 'no decision is awaiting approval', ru: 'нет решения, ждущего согласования' };
  if (status === 'closed') return { en: 'reopen it first', ru: 'сначала откройте её заново' };
  if (status === 'decided' && event === 'decide') return { en: 'reopen it to change the decision', ru: 'чтобы изменить решение, откройте её заново' };
  return null;
}

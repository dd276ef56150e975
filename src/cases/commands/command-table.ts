// The one table of staff commands: names in both languages, what argument each takes and a line of
// help. The parser, the resolver, the error letter and the reminder in announcements all read it, so
// a command added here is recognised, checked and documented in one place.
import type { CasePriority } from '../../rules/case-priority';
import type { DecisionOutcome } from '../decision-outcome';
import type { Locale, LocalizedText } from '../../templates/localized-text';

export const COMMAND_IDS = [
  'status', 'assign', 'category', 'priority', 'department', 'deadline', 'note', 'ask', 'reply',
  'decision', 'approve', 'return', 'close', 'reopen', 'merge',
] as const;

export type CommandId = (typeof COMMAND_IDS)[number];

/**
 * What the rest of the line means. `text`: it starts the command's text (the message follows it);
 * `reason`: a reason, taken from the message when the line has none; `none`: nothing may follow.
 */
export type ArgumentKind = 'none' | 'status' | 'assignee' | 'category' | 'priority' | 'department' | 'deadline' | 'decision' | 'text' | 'reason' | 'case-number';

export interface CommandSpec {
  readonly id: CommandId;
  /** The names shown in help; either is accepted. */
  readonly names: LocalizedText;
  /** Other accepted names, in either language. */
  readonly synonyms: readonly string[];
  readonly argument: ArgumentKind;
  /** How the argument is written, for help; empty when there is none. */
  readonly usage: LocalizedText;
  readonly help: LocalizedText;
}

const cmd = (id: CommandId, en: string, ru: string, synonyms: string[], argument: ArgumentKind, usage: [string, string], help: [string, string]): CommandSpec =>
  Object.freeze({ id, names: { en, ru }, synonyms, argument, usage: { en: usage[0], ru: usage[1] }, help: { en: help[0], ru: help[1] } });

export const COMMANDS: readonly CommandSpec[] = [
  cmd('status', 'status', 'статус', [], 'status', ['in_progress | awaiting_info', 'в_работе | ждём_клиента'], ['change the status of the case', 'изменить статус претензии']),
  cmd('assign', 'assign', 'назначить', ['assignee', 'ответственный'], 'assignee', ['<address> | me', '<адрес> | мне'], ['make a staff member responsible for the case; they are told', 'назначить ответственного (ему придёт уведомление)']),
  cmd('category', 'category', 'причина', ['cause', 'категория'], 'category', ['<id or name>', '<код или название>'], ['set the cause of the complaint', 'указать причину претензии']),
  cmd('priority', 'priority', 'приоритет', [], 'priority', ['low | normal | high | urgent', 'низкий | обычный | высокий | срочный'], ['set the priority', 'указать приоритет']),
  cmd('department', 'department', 'отдел', ['dept'], 'department', ['<id or name>', '<код или название>'], ['hand the case to another department', 'передать претензию в другой отдел']),
  cmd('deadline', 'deadline', 'срок', ['due'], 'deadline', ['<date | +5d> <reason>', '<дата | +5д> <причина>'], ['set a new deadline; the reason is required', 'установить новый срок (причина обязательна)']),
  cmd('note', 'note', 'заметка', ['comment', 'комментарий'], 'text', ['', ''], ['the text is an internal note, never sent to the client', 'текст — внутренняя заметка, клиенту не отправляется']),
  cmd('ask', 'ask', 'запрос', ['request', 'запросить'], 'text', ['', ''], ['send the text to the client as a request for information; the case waits for the answer', 'отправить текст клиенту как запрос информации; претензия ждёт ответа']),
  cmd('reply', 'reply', 'ответ', ['answer', 'ответить'], 'text', ['', ''], ['send the text to the client along with the other commands', 'отправить текст клиенту вместе с другими командами']),
  cmd('decision', 'decision', 'решение', ['decide'], 'decision', ['accepted | partial | rejected', 'удовлетворить | частично | отказать'], ['record the decision; the text is its reasoning, sent to the client', 'принять решение; текст — обоснование, оно уходит клиенту']),
  cmd('approve', 'approve', 'согласовать', ['утвердить'], 'none', ['', ''], ['supervisor: approve the decision; its letter leaves', 'руководитель: согласовать решение, письмо уходит клиенту']),
  cmd('return', 'return', 'вернуть', [], 'reason', ['<reason>', '<причина>'], ['supervisor: return the decision to the agent with the reason', 'руководитель: вернуть решение исполнителю с причиной']),
  cmd('close', 'close', 'закрыть', [], 'none', ['', ''], ['close the case', 'закрыть претензию']),
  cmd('reopen', 'reopen', 'открыть', ['переоткрыть'], 'none', ['', ''], ['reopen a decided or closed case', 'открыть решённую или закрытую претензию заново']),
  cmd('merge', 'merge', 'объединить', [], 'case-number', ['<case number>', '<номер претензии>'], ['merge this case into another one', 'объединить эту претензию с другой (эта закрывается)']),
];

/** Statuses staff set directly; the others follow from decisions, approvals and closing. */
export type SettableStatus = 'in_progress' | 'awaiting_info';

/** Argument words in both languages; the first of each language is the one help shows. */
export const STATUS_WORDS: { readonly [S in SettableStatus]: readonly string[] } = {
  in_progress: ['in_progress', 'в_работе', 'in_work', 'working', 'работа'],
  awaiting_info: ['awaiting_info', 'ждём_клиента', 'awaiting_client', 'waiting', 'ждём_информации', 'ожидание'],
};

export const PRIORITY_WORDS: { readonly [P in CasePriority]: readonly string[] } = {
  low: ['low', 'низкий'],
  normal: ['normal', 'обычный', 'medium', 'средний', 'нормальный'],
  high: ['high', 'высокий'],
  urgent: ['urgent', 'срочный', 'критичный'],
};

export const OUTCOME_WORDS: { readonly [O in DecisionOutcome]: readonly string[] } = {
  accepted: ['accepted', 'удовлетворить', 'accept', 'удовлетворено'],
  partial: ['partial', 'частично', 'partially', 'удовлетворить_частично', 'частично_удовлетворить'],
  rejected: ['rejected', 'отказать', 'reject', 'отказ', 'отказано'],
};

/** `#assign me`: the sender. */
export const SELF_WORDS: readonly string[] = ['me', 'myself', 'мне', 'меня', 'себе', 'я'];

/** How names and argument words compare: case, ё/е and the `_`, `-` or space between words do not matter. */
export function normalizeKeyword(text: string): string {
  return text.trim().toLowerCase().replace(/ё/g, 'е').replace(/[\s_-]+/g, ' ');
}

const BY_NAME = new Map<string, CommandSpec>(
  COMMANDS.flatMap((c) => [c.names.en, c.names.ru, ...c.synonyms].map((n) => [normalizeKeyword(n), c] as const)),
);

export function findCommand(name: string): CommandSpec | null {
  return BY_NAME.get(normalizeKeyword(name)) ?? null;
}

export function specOf(id: CommandId): CommandSpec {
  return COMMANDS.find((c) => c.id === id) as CommandSpec;
}

/** The key of `table` whose words include `text`, or null. */
export function matchWord<K extends string>(table: { readonly [Key in K]: readonly string[] }, text: string): K | null {
  const wanted = normalizeKeyword(text);
  for (const key of Object.keys(table) as K[]) if (table[key].some((w) => normalizeKeyword(w) === wanted)) return key;
  return null;
}

/** One line per command, in the reader's language with the other language's name beside it. */
export function renderCommandHelp(locale: Locale): string {
  const other: Locale = locale === 'ru' ? 'en' : 'ru';
  return COMMANDS.map((c) => {
    const usage = c.usage[locale] ? ` ${c.usage[locale]}` : '';
    return `#${c.names[locale]}${usage}  (#${c.names[other]}) — ${c.help[locale]}`;
  }).join('\n');
}

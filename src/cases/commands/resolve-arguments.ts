// Reads the argument of one command line: a category or department by id or name, an assignee, a
// deadline with its reason, a case number. Each answer is a value or a reason in both languages, so
// the error letter can say exactly what was wrong with the line.
import type { LocalizedText } from '../../templates/localized-text';
import type { NumberFormat } from '../case-number';
import type { StaffDirectory, StaffMember } from '../../staff/directory';
import { normalizeAddress } from '../../mail/addresses';
import { SELF_WORDS, matchWord, normalizeKeyword } from './command-table';

export type Resolved<T> = { ok: true; value: T } | { ok: false; message: LocalizedText };

/**
 * Another module owns deadline syntax (`2026-12-20`, `+5d`, `+5 рабочих дней`); the caller binds it
 * to the current time and the business calendar.
 */
export type ParseDeadline = (text: string) => { ok: true; at: Date } | { ok: false; message: LocalizedText };

export interface NamedEntry {
  id: string;
  /** Names accepted besides the id, in any language. */
  names: readonly string[];
  /** How the entry is listed in an error: "refund (Возврат денег)". */
  label: LocalizedText;
}

const fail = <T>(en: string, ru: string): Resolved<T> => ({ ok: false, message: { en, ru } });

/**
 * `what` names the thing in the letter's sentence ("category" / "причину", accusative in Russian).
 * By id or any name; failing that, by the start of a name when only one entry has it ("возврат" is
 * "Возврат денег"), so staff need not type a long name in full.
 */
export function resolveNamed(what: LocalizedText, arg: string, entries: readonly NamedEntry[]): Resolved<string> {
  if (!arg) return fail(`Give the ${what.en}: ${list(entries, 'en')}.`, `Укажите ${what.ru}: ${list(entries, 'ru')}.`);
  const wanted = normalizeKeyword(arg);
  const keys = (e: NamedEntry): string[] => [e.id, ...e.names].map(normalizeKeyword);
  const exact = entries.find((e) => keys(e).includes(wanted));
  if (exact) return { ok: true, value: exact.id };
  const started = entries.filter((e) => keys(e).some((k) => k.startsWith(wanted)));
  if (started.length === 1) return { ok: true, value: (started[0] as NamedEntry).id };
  if (started.length > 1) return fail(`"${arg}" could be ${list(started, 'en')}: give more of the name.`, `«${arg}» подходит к нескольким: ${list(started, 'ru')}; уточните название.`);
  return fail(`Unknown ${what.en} "${arg}"; known: ${list(entries, 'en')}.`, `Не найдено: «${arg}»; возможные значения: ${list(entries, 'ru')}.`);
}

/** `me`/`мне` is the sender; anyone else must be in the directory, whose address is what we keep. */
export function resolveAssignee(arg: string, directory: StaffDirectory, sender: StaffMember): Resolved<string> {
  if (!arg) return fail('Give the address of the new assignee, or "me".', 'Укажите адрес нового ответственного или «мне».');
  if (matchWord({ self: SELF_WORDS }, arg)) return { ok: true, value: sender.address };
  // "Anna Petrova <anna@example.org>" as a mail program pastes it.
  const bracketed = /<([^<>]+)>\s*$/.exec(arg);
  const address = normalizeAddress(bracketed ? (bracketed[1] as string) : arg);
  if (!address) return fail(`"${arg}" is not an e-mail address.`, `«${arg}» — не адрес электронной почты.`);
  const member = directory.byAddress(address);
  if (!member) return fail(`${address} is not in the staff directory.`, `${address} нет в справочнике сотрудников.`);
  return { ok: true, value: member.address };
}

/**
 * The longest start of the argument that is a deadline is the date; the rest of the line is the
 * reason ("+5 рабочих дней ждём документы"). The reason may be empty: the caller looks further.
 */
export function resolveDeadline(arg: string, parse: ParseDeadline, now: Date): Resolved<{ at: Date; reason: string }> {
  const words = arg.split(/\s+/).filter(Boolean);
  if (words.length === 0) return fail('Give the new deadline, e.g. 2026-12-20 or +5d, and the reason.', 'Укажите новый срок, например 2026-12-20 или +5д, и причину.');
  let firstFailure: LocalizedText | null = null;
  for (let n = words.length; n >= 1; n--) {
    const result = parse(words.slice(0, n).join(' '));
    if (!result.ok) {
      if (n === 1) firstFailure = result.message;
      continue;
    }
    if (result.at.getTime() <= now.getTime()) return fail('The new deadline is in the past.', 'Новый срок уже прошёл.');
    return { ok: true, value: { at: result.at, reason: words.slice(n).join(' ') } };
  }
  return { ok: false, message: firstFailure as LocalizedText };
}

/** A number in this organisation's format, other than the case's own. */
export function resolveCaseNumber(arg: string, format: NumberFormat, own: string): Resolved<string> {
  const example = `${format.prefix}-2026-${'1'.padStart(format.digits, '0')}`;
  const shape = new RegExp(`^${format.prefix}-\\d{4}-\\d{${format.digits}}$`, 'i');
  if (!shape.test(arg)) return fail(`"${arg}" is not a case number such as ${example}.`, `«${arg}» — не номер претензии вида ${example}.`);
  const number = arg.toUpperCase();
  if (number === own.toUpperCase()) return fail('A case cannot be merged into itself.', 'Претензию нельзя объединить саму с собой.');
  return { ok: true, value: number };
}

function list(entries: readonly NamedEntry[], locale: 'en' | 'ru'): string {
  return entries.map((e) => e.label[locale]).join(', ');
}

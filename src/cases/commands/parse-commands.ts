// Splits the new text of a staff reply into the command lines at its top and the message below them.
// Only the top counts: a `#` further down is the message's own text, so a staff member who writes
// "#1 problem" or quotes a command in the middle of a letter never triggers anything.
import { findCommand, type CommandId } from './command-table';
import type { LocalizedText } from '../../templates/localized-text';

export interface RawCommand {
  /** 1-based line in the reply's new text. */
  line: number;
  /** The line as written, without surrounding spaces, for error letters. */
  raw: string;
  id: CommandId;
  /** The rest of the line after the name, trimmed; may be empty. */
  arg: string;
}

export interface CommandError {
  /** 1-based line, or 0 for the letter as a whole. */
  line: number;
  raw: string;
  message: LocalizedText;
}

export interface ParsedStaffReply {
  commands: RawCommand[];
  errors: CommandError[];
  /** The text below the commands, trimmed; empty when there is none. */
  message: string;
}

// `#` and a letter starts a command; `#1`, `# heading` and `##` do not. An optional ":" after the
// name is accepted because people write "#status: in_progress".
const COMMAND_LINE = /^\s*#(\p{L}[\p{L}\p{N}_-]*)\s*:?\s*(.*?)\s*$/u;

export function parseStaffReply(newText: string): ParsedStaffReply {
  const lines = newText.split(/\r?\n/);
  const commands: RawCommand[] = [];
  const errors: CommandError[] = [];
  const firstLineOf = new Map<CommandId, number>();
  let i = 0;
  for (; i < lines.length; i++) {
    const text = lines[i] as string;
    if (text.trim() === '') continue;
    const m = COMMAND_LINE.exec(text);
    if (!m) break;
    const line = i + 1;
    const raw = text.trim();
    const name = m[1] as string;
    const spec = findCommand(name);
    if (!spec) {
      errors.push({ line, raw, message: { en: `Unknown command #${name}.`, ru: `Неизвестная команда #${name}.` } });
      continue;
    }
    const first = firstLineOf.get(spec.id);
    if (first !== undefined) {
      // The commands of a letter apply together: two of one kind would leave the result to their order.
      errors.push({ line, raw, message: { en: `#${name} appears twice (also on line ${first}): give each command once.`, ru: `#${name} указана дважды (также в строке ${first}): каждую команду укажите один раз.` } });
      continue;
    }
    firstLineOf.set(spec.id, line);
    commands.push({ line, raw, id: spec.id, arg: m[2] as string });
  }
  return { commands, errors, message: lines.slice(i).join('\n').trim() };
}

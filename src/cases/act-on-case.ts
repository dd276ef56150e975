// The command line's door to the very same staff commands: `complaintd cases act CMP-… '#decision
// rejected' --by who --text-file F` parses, resolves and applies exactly as a staff letter would,
// all or nothing, with the letters it causes queued for the running daemon to send.
import type { Knex } from 'knex';
import { findCaseByNumber, lockCase } from '../store/case-repo';
import { addHistory } from '../store/history-repo';
import { parseStaffReply } from './commands/parse-commands';
import { applyActions } from './commands/apply-actions';
import { resolveOnCase } from './staff-letter';
import type { Desk } from './desk';

export type ActResult = { ok: true; changes: string[] } | { ok: false; errors: string[] };

export async function actOnCase(db: Knex, desk: Desk, a: { number: string; by: string; commands: string[]; text: string; now: Date }): Promise<ActResult> {
  const member = desk.directory.byAddress(a.by);
  if (!member) return { ok: false, errors: [`${a.by} is not in the staff directory (staff.members): only members act on cases`] };
  return db.transaction(async (trx) => {
    await lockCase(trx, { number: a.number.toUpperCase() });
    const kase = await findCaseByNumber(trx, a.number.toUpperCase());
    if (!kase) return { ok: false, errors: [`no case ${a.number}`] };
    const letter = [...a.commands.map((c) => (c.trim().startsWith('#') ? c.trim() : `#${c.trim()}`)), '', a.text].join('\n');
    const result = await resolveOnCase(trx, desk, kase, member, parseStaffReply(letter), a.now);
    if (!result.ok) return { ok: false, errors: result.errors.map((e) => (e.line > 0 ? `line ${e.line} (${e.raw}): ${e.message.en}` : e.message.en)) };
    await addHistory(trx, kase.id, a.now.toISOString(), { event: 'staff_command_line', actor: member.address, reason: `commands given on the command line by ${member.address}: ${a.commands.join(' ')}` });
    return { ok: true, changes: await applyActions(trx, { desk, kase, actor: member, now: a.now }, result.actions) };
  });
}

// The alerts a client's letter can set off on its case: a threat of court, a regulator or the press
// (once per case), a complaint from a VIP sender (once per case), and repeated complaints from the
// same client (once per run of them). Detection is pure; this gathers what it needs and raises them.
import type { Knex } from 'knex';
import type { CaseRow } from '../store/case-repo';
import { detectThreats } from './threats';
import { raiseAlert } from './raise-alert';
import { isVip, repeatedRun } from './case-alert-rules';
import type { Desk } from '../cases/desk';

const DAY_MS = 86_400_000;

export async function alertsForLetter(trx: Knex, desk: Desk, kase: CaseRow, letter: { from: string; subject: string; text: string; isNewCase: boolean }, now: Date): Promise<void> {
  const threat = detectThreats(letter.text, letter.subject, desk.alerts.threats)[0];
  if (threat) {
    await raiseAlert(trx, desk, {
      kind: 'threat', rule: `threat ${threat.group}: «${threat.matched}»`, dedupe: `threat:${kase.id}`,
      reason: `the client writes of ${threat.kind} (${threat.where}): «${threat.matched}»`,
      whatToDo: 'Read the case today; consider involving the legal department and answering before the deadline. Every step is on the case history.',
    }, kase, now);
  }
  if (!letter.isNewCase) return;
  const vip = isVip(letter.from, desk.alerts.vip);
  if (vip) await raiseAlert(trx, desk, { kind: 'vip', rule: vip, reason: `a complaint from ${letter.from}`, dedupe: `vip:${kase.id}`, whatToDo: 'Give it priority: assign it to an experienced agent and answer early.' }, kase, now);
  const { count, withinDays } = desk.alerts.repeatedComplaints;
  const since = new Date(now.getTime() - withinDays * DAY_MS).toISOString();
  const recent = (await trx('cases').where({ client_address: letter.from }).andWhere('received_at', '>=', since).orderBy('id').select('id', 'number')) as Array<{ id: number; number: string }>;
  const run = repeatedRun(recent, count);
  if (run) {
    await raiseAlert(trx, desk, {
      kind: 'repeated_complaints', rule: `repeated: ${recent.length} complaints within ${withinDays} days (threshold ${count})`, dedupe: `repeated:${letter.from}:${run.firstId}`,
      reason: `${letter.from} complained ${recent.length} times since ${since.slice(0, 10)}: ${recent.map((c) => c.number).join(', ')}`,
      whatToDo: 'Look at the client\'s cases together: the same problem may be unsolved, or the cases may be merged (#merge).',
    }, kase, now);
  }
}

// Every automatic letter to a client goes through here: counted against the ceiling on automatic
// letters, queued when under it, and otherwise held back: not queued, recorded on the case with the
// reason, and the supervisor told once a day per recipient (a mail_loop alert).
import type { Knex } from 'knex';
import { DateTime } from 'luxon';
import type { CaseRow } from '../store/case-repo';
import { countRecentLetters } from '../store/outbox-repo';
import { addHistory } from '../store/history-repo';
import { toClient, type LetterSpec } from '../cases/case-letters';
import type { Desk } from '../cases/desk';
import { raiseAlert } from '../alerts/raise-alert';
import { AUTOMATIC_CLIENT_LETTERS, decideAutoLetter, loopAlertKey, type AutomaticClientLetter, type CeilingVerdict, type RecentAutoLetters } from './auto-letter-ceiling';
import { queueSystemLetter } from '../cases/case-letter';
import type { RenderedLetter } from '../templates/catalogue';

export type AutoLetterResult = { queued: { outboxId: number; messageId: string } } | { held: string };

const HOUR_MS = 3_600_000;

export async function queueAutoLetter(trx: Knex, desk: Desk, kase: CaseRow, l: LetterSpec & { kind: AutomaticClientLetter }): Promise<AutoLetterResult> {
  const to = kase.clientAddress;
  const { verdict, recent } = await checkCeiling(trx, desk, to, l.now);
  if (verdict.allowed) return { queued: await toClient(trx, desk, kase, { ...l, ceiling: verdict.pass }) };

  await addHistory(trx, kase.id, l.now.toISOString(), { event: `${l.kind}_held`, actor: 'daemon', reason: `${l.kind.replace(/_/g, ' ')} not queued: ${verdict.reason}`, details: { ...recent } });
  await alertHeld(trx, desk, verdict, to, `the ${l.kind.replace(/_/g, ' ')} of ${kase.number}`, kase, l.now);
  return { held: verdict.reason };
}

/**
 * An automatic letter about no case (the answer to a message too large to register): the same
 * ceiling, counted with the acknowledgements; held back, it is in the alert only, there is no case.
 */
export async function queueCaselessAutoLetter(trx: Knex, desk: Desk, l: { to: string; letter: RenderedLetter; answers: string | null; now: Date }): Promise<{ queued: number } | { held: string }> {
  const { verdict } = await checkCeiling(trx, desk, l.to, l.now);
  if (verdict.allowed) return { queued: await queueSystemLetter(trx, { kind: 'acknowledgement', from: desk.from, to: [l.to], letter: l.letter, answers: l.answers, now: l.now }) };
  await alertHeld(trx, desk, verdict, l.to, `the answer to a message too large to register, from ${l.to}`, null, l.now);
  return { held: verdict.reason };
}

async function checkCeiling(trx: Knex, desk: Desk, to: string, now: Date): Promise<{ verdict: CeilingVerdict; recent: RecentAutoLetters }> {
  const since = (hours: number): Date => new Date(now.getTime() - hours * HOUR_MS);
  const recent: RecentAutoLetters = await countRecentLetters(trx, { kinds: AUTOMATIC_CLIENT_LETTERS, to, hourSince: since(1), daySince: since(24) });
  return { verdict: decideAutoLetter(to, recent, desk.hygiene.autoLetterCeiling), recent };
}

async function alertHeld(trx: Knex, desk: Desk, verdict: Extract<CeilingVerdict, { allowed: false }>, to: string, what: string, kase: CaseRow | null, now: Date): Promise<void> {
  const day = DateTime.fromJSDate(now, { zone: desk.timeZone }).toISODate() ?? now.toISOString().slice(0, 10);
  await raiseAlert(trx, desk, {
    kind: 'mail_loop', rule: verdict.scope === 'global' ? 'ceiling on automatic letters to all clients' : 'ceiling on automatic letters to one client',
    reason: `${verdict.reason} (last held: ${what}). Every message that arrives is still registered and recorded.`,
    whatToDo: verdict.scope === 'global'
      ? 'Look for a flood: many new cases in a short time, a forwarding storm or a list writing to the complaints address. Automatic letters resume by themselves within the hour once it stops.'
      : `Look at ${to}'s recent cases: an auto-responder or a robot answering our letters is the usual cause. Answer the client by hand if a person is there; automatic letters resume by themselves when the rate falls under the ceiling (mail.autoLetterCeiling).`,
    dedupe: loopAlertKey(verdict, to, day),
  }, kase, now);
}

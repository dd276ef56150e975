// Every automatic letter to a client goes through here: counted against the ceiling on automatic
// letters, queued when under it, and otherwise held back: not queued, recorded on the case with the
// reason, and the supervisor told once a day per recipient (a mail_loop alert).
import type { Knex } from 'knex';
import { DateTime } from 'luxon';
import type { CaseRow } from '../store/case-repo';
import { countLetters } from '../store/outbox-repo';
import { addHistory } from '../store/history-repo';
import { toClient, type LetterSpec } from '../cases/case-letters';
import type { Desk } from '../cases/desk';
import { raiseAlert } from '../alerts/raise-alert';
import { AUTOMATIC_CLIENT_LETTERS, decideAutoLetter, loopAlertKey, type AutomaticClientLetter, type RecentAutoLetters } from './auto-letter-ceiling';

export type AutoLetterResult = { queued: { outboxId: number; messageId: string } } | { held: string };

const HOUR_MS = 3_600_000;

export async function queueAutoLetter(trx: Knex, desk: Desk, kase: CaseRow, l: LetterSpec & { kind: AutomaticClientLetter }): Promise<AutoLetterResult> {
  const to = kase.clientAddress;
  const since = (hours: number): Date => new Date(l.now.getTime() - hours * HOUR_MS);
  const kinds = AUTOMATIC_CLIENT_LETTERS;
  const recent: RecentAutoLetters = {
    toRecipientLastHour: await countLetters(trx, { kinds, since: since(1), to }),
    toRecipientLastDay: await countLetters(trx, { kinds, since: since(24), to }),
    toAnyoneLastHour: await countLetters(trx, { kinds, since: since(1) }),
  };
  const verdict = decideAutoLetter(to, recent, desk.hygiene.autoLetterCeiling);
  if (verdict.allowed) return { queued: await toClient(trx, desk, kase, { ...l, ceiling: verdict.pass }) };

  await addHistory(trx, kase.id, l.now.toISOString(), { event: `${l.kind}_held`, actor: 'daemon', reason: `${l.kind.replace(/_/g, ' ')} not queued: ${verdict.reason}`, details: { ...recent } });
  const day = DateTime.fromJSDate(l.now, { zone: desk.timeZone }).toISODate() ?? l.now.toISOString().slice(0, 10);
  await raiseAlert(trx, desk, {
    kind: 'mail_loop', rule: verdict.scope === 'global' ? 'ceiling on automatic letters to all clients' : 'ceiling on automatic letters to one client',
    reason: `${verdict.reason} (last held: the ${l.kind.replace(/_/g, ' ')} of ${kase.number}). Every message that arrives is still registered and recorded.`,
    whatToDo: verdict.scope === 'global'
      ? 'Look for a flood: many new cases in a short time, a forwarding storm or a list writing to the complaints address. Automatic letters resume by themselves within the hour once it stops.'
      : `Look at ${to}'s recent cases: an auto-responder or a robot answering our letters is the usual cause. Answer the client by hand if a person is there; automatic letters resume by themselves when the rate falls under the ceiling (mail.autoLetterCeiling).`,
    dedupe: loopAlertKey(verdict, to, day),
  }, kase, l.now);
  return { held: verdict.reason };
}

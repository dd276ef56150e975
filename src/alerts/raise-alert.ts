// Tells the supervisor of an abnormal situation, once: the alert is recorded with a dedupe key (a
// second detection finds it already told), written on the case's history (or logged as a system
// event when there is no case), and sent as a letter that names the rule that fired and what to do.
import type { Knex } from 'knex';
import type { CaseRow } from '../store/case-repo';
import { addHistory } from '../store/history-repo';
import { recordAlert } from '../store/alert-repo';
import { caseRecipients, memberRecipient, toStaff, type StaffRecipient } from '../cases/case-letters';
import { queueSystemLetter } from '../cases/case-letter';
import type { Desk } from '../cases/desk';
import type { Locale } from '../templates/localized-text';

import type { AlertKind } from './alert-kinds';

export interface Alert {
  kind: AlertKind;
  /** Which rule fired, e.g. "threat court-ru: «подам в суд»" or "repeated: 3 complaints within 30 days". */
  rule: string;
  reason: string;
  whatToDo: string;
  /** The same situation has the same key: it is told once. */
  dedupe: string;
  /** Who works on the case hears of it (a bounce of a letter to their client), else the supervisor. */
  to?: 'supervisor' | 'assignee';
}

/** Raises the alert unless its kind is switched off or it was raised before; true when it was told now. */
export async function raiseAlert(trx: Knex, desk: Desk, alert: Alert, kase: CaseRow | null, now: Date): Promise<boolean> {
  if (!desk.alerts.enabled.has(alert.kind)) return false;
  const recipients: Array<{ address: string; locale: Locale }> = kase ? caseAlertRecipients(desk, kase, alert.to ?? 'supervisor') : systemRecipients(desk);
  const at = now.toISOString();
  if (!(await recordAlert(trx, { kind: alert.kind, caseId: kase?.id ?? null, rule: alert.rule, reason: alert.reason, whatToDo: alert.whatToDo, dedupe: alert.dedupe, recipients: recipients.map((r) => r.address) }, at))) return false;
  const data = { alert: { kind: alert.kind, rule: alert.rule, reason: alert.reason, whatToDo: alert.whatToDo } };
  if (kase) {
    await addHistory(trx, kase.id, at, { event: `alert.${alert.kind}`, actor: 'daemon', reason: `${alert.rule}: ${alert.reason}; told ${recipients.map((r) => r.address).join(', ') || 'nobody (no supervisor, admin or staff.notify)'}` });
    for (const r of caseAlertRecipients(desk, kase, alert.to ?? 'supervisor')) await toStaff(trx, desk, kase, r, { kind: 'alert', template: 'staff-alert', now, data });
    return true;
  }
  for (const r of recipients) {
    const letter = desk.catalogue.render('system-alert', r.locale, { ...data, org: { name: desk.from.name || desk.orgName } });
    await queueSystemLetter(trx, { kind: 'alert', from: desk.from, to: [r.address], letter, now, withheld: desk.backfill });
  }
  return true;
}

function caseAlertRecipients(desk: Desk, kase: CaseRow, to: 'supervisor' | 'assignee'): StaffRecipient[] {
  if (to === 'assignee') return caseRecipients(desk, kase);
  const supervisor = kase.department ? desk.directory.supervisorOf(kase.department) : null;
  return supervisor ? [memberRecipient(desk, kase.id, supervisor.address)] : systemRecipients(desk).map((r) => memberRecipient(desk, kase.id, r.address));
}

/** For a situation with no case: the admins, else every supervisor, else whoever is told of every case. */
export function systemRecipients(desk: Desk): Array<{ address: string; locale: Locale }> {
  const members = desk.directory.members;
  const admins = members.filter((m) => m.role === 'admin');
  const chosen = admins.length > 0 ? admins : members.filter((m) => m.role === 'supervisor');
  const addresses = chosen.length > 0 ? chosen.map((m) => m.address) : [...desk.alsoNotify];
  return addresses.map((address) => ({ address, locale: desk.directory.byAddress(address)?.locale ?? desk.defaultLocale }));
}

// The supervisor is told of every message put in quarantine: nobody reads that folder by habit.
import type { Knex } from 'knex';
import type { Desk } from '../cases/desk';
import type { InboundRow } from '../store/inbound-repo';
import { raiseAlert } from './raise-alert';

const WHAT_TO_DO = 'It is kept whole in the store and in the mailbox\'s quarantine folder; see complaintd inbound list --status quarantined. If a person wrote it, answer them by hand and register it.';

export async function alertQuarantine(db: Knex, deps: { desk: Desk }, row: Pick<InboundRow, 'id' | 'uid' | 'mailbox' | 'receivedAt'>, reason: string, now: Date, whatToDo = WHAT_TO_DO): Promise<void> {
  await raiseAlert(db, deps.desk, {
    kind: 'quarantine', rule: 'message quarantined', dedupe: `quarantine:${row.id}`,
    reason: `message #${row.id} (UID ${row.uid} in ${row.mailbox}, received ${row.receivedAt}) could not be processed: ${reason}`,
    whatToDo,
  }, null, now);
}

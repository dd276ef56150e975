// Tells the admins (else the supervisors, else staff.notify: see systemRecipients) that edited
// config files were refused and the running set stays, through the same alert path as every other
// abnormal situation: recorded once per refused version, sent with the system-alert template.
import type { Knex } from 'knex';
import type { Desk } from '../cases/desk';
import { raiseAlert } from '../alerts/raise-alert';

export async function tellRefusedSet(db: Knex, desk: Desk, refused: { version: string; reason: string; now: Date }): Promise<void> {
  await db.transaction((trx) => raiseAlert(trx, desk, {
    kind: 'config_refused',
    rule: `config reload refused (version ${refused.version})`,
    reason: refused.reason,
    whatToDo: 'Fix the files named above (run `complaintd check-config` to see every problem); the daemon keeps the last good set until the files are valid again, and picks them up by itself when they are.',
    dedupe: `config_refused:${refused.version}`,
  }, null, refused.now));
}

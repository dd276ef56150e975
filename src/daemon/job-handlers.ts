// What each kind of scheduled job does, in one table: the daemon's scheduler and the tests use the same.
import type { JobHandler } from '../deadlines/scheduler';
import type { Desk } from '../cases/desk';
import { autoCloseHandler } from '../cases/auto-close';
import { ANNOUNCE_BATCH_JOB, announceBatchHandler } from '../cases/announce-batch';
import { AUTO_CLOSE_JOB } from '../cases/move-case';
import { ESCALATION_JOB, REMINDER_JOB } from '../cases/deadline-schedule';
import { escalationHandler, reminderHandler } from '../cases/deadline-handlers';
import { KPI_LETTER_JOB, kpiLetterHandler } from '../reports/kpi-letter';
import { RETENTION_JOB, retentionHandler } from '../privacy/retention-run';
import { RETENTION_OFF, type RetentionSettings } from '../privacy/retention';
import { DEPARTMENT_DIGEST_JOB, OVERDUE_DIGEST_JOB, departmentDigestHandler, overdueDigestHandler } from '../digests/digests';

export function jobHandlers(desk: Desk, retention: RetentionSettings = RETENTION_OFF): Record<string, JobHandler> {
  return {
    [AUTO_CLOSE_JOB]: autoCloseHandler(desk),
    [ANNOUNCE_BATCH_JOB]: announceBatchHandler(desk),
    [REMINDER_JOB]: reminderHandler(desk),
    [ESCALATION_JOB]: escalationHandler(desk),
    [OVERDUE_DIGEST_JOB]: overdueDigestHandler(desk),
    [DEPARTMENT_DIGEST_JOB]: departmentDigestHandler(desk),
    [KPI_LETTER_JOB]: kpiLetterHandler(desk),
    [RETENTION_JOB]: retentionHandler(retention, desk.calendar),
  };
}

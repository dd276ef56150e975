// The responsible department told of a case's cause: at once for categories marked `notice:
// immediate`, when the cause is set or corrected; other causes reach it only in its digest. A
// department that already got the case's announcement (its queue) is not told twice.
import type { Knex } from 'knex';
import type { CaseRow } from '../store/case-repo';
import { addHistory } from '../store/history-repo';
import { caseRecipients, toStaff } from './case-letters';
import type { Desk } from './desk';

export async function noticeDepartment(trx: Knex, desk: Desk, kase: CaseRow, why: string, now: Date): Promise<boolean> {
  const category = kase.category ? desk.categories.categories.get(kase.category) : undefined;
  if (!category || category.notice !== 'immediate') return false;
  const department = desk.categories.departments.get(category.department);
  if (!department) return false;
  const announced = new Set(caseRecipients(desk, kase).map((r) => r.address));
  if (announced.has(department.email)) return false;
  await toStaff(trx, desk, kase, { address: department.email, locale: desk.defaultLocale, token: { kind: 'department', caseId: kase.id, department: department.id } }, {
    kind: 'department_notice', template: 'staff-department-notice', now, data: { why },
  });
  await addHistory(trx, kase.id, now.toISOString(), { event: 'department_notified', actor: 'daemon', reason: `department ${department.id} told of the cause ${category.id} at ${department.email}` });
  return true;
}

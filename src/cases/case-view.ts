// What every letter about a case may show of it, in the reader's language: number, subject, dates,
// cause, department, priority, status, deadline with the time left, assignee, and the client with
// the display name apart from the address, so a name like "Вася <boss@org>" cannot pass for someone.
import type { CaseRow } from '../store/case-repo';
import type { Locale } from '../templates/localized-text';
import { STATUS_LABELS, type CaseStatus } from './case-state';
import { describeTimeLeft } from '../deadlines/time-left';
import { departmentName, type Desk } from './desk';

const PRIORITY_LABELS: Record<string, { ru: string; en: string }> = {
  low: { ru: 'низкий', en: 'low' },
  normal: { ru: 'обычный', en: 'normal' },
  high: { ru: 'высокий', en: 'high' },
  urgent: { ru: 'срочный', en: 'urgent' },
};

export interface CaseView {
  case: {
    number: string; subject: string; receivedAt: string; status: string; category: string; categoryName: string; department: string;
    departmentName: string; priority: string; deadlineAt: string | null; timeLeft: string; assignee: string; assigneeName: string;
  };
  client: { name: string; address: string; nameLooksLikeAddress: boolean };
  org: { name: string };
}

export function caseView(desk: Desk, kase: CaseRow, locale: Locale, now: Date): CaseView {
  const assignee = kase.assignee ? desk.directory.byAddress(kase.assignee) : null;
  const priority = kase.priority ?? 'normal';
  return {
    case: {
      number: kase.number,
      subject: kase.subject,
      receivedAt: kase.receivedAt,
      status: STATUS_LABELS[kase.status as CaseStatus]?.[locale] ?? kase.status,
      category: kase.category ?? '',
      categoryName: kase.category ? desk.categoryName(kase.category, locale) : '',
      department: kase.department ?? '',
      departmentName: departmentName(desk, kase.department),
      priority: PRIORITY_LABELS[priority]?.[locale] ?? priority,
      deadlineAt: kase.deadlineAt,
      timeLeft: kase.deadlineAt ? describeTimeLeft(new Date(kase.deadlineAt), now, locale, desk.calendar) : '',
      assignee: kase.assignee ?? '',
      assigneeName: assignee?.name ?? kase.assignee ?? '',
    },
    client: { name: kase.clientName, address: kase.clientAddress, nameLooksLikeAddress: /[@<>]/.test(kase.clientName) },
    org: { name: desk.from.name || desk.orgName },
  };
}

export function localeOf(value: string, fallback: Locale): Locale {
  return value === 'en' || value === 'ru' ? value : fallback;
}

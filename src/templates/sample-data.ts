// Plausible data for every letter, so `check-config`, the hot reload and `templates preview --sample`
// can render each template the way the daemon would, without a case in the store: a template that
// only breaks when rendered (an unknown helper, a bad date argument) is found before a client waits.
import type { CaseRow } from '../store/case-repo';
import type { LetterKind } from '../store/outbox-repo';
import type { Locale } from './localized-text';
import type { TemplateName } from './catalogue';
import { renderCommandHelp } from '../cases/commands/command-table';

/** The outbox kind each template is sent as (what `templates preview` labels its Message-ID with). */
export const LETTER_KIND_OF: Readonly<Record<TemplateName, LetterKind>> = {
  acknowledgement: 'acknowledgement', 'client-too-large': 'acknowledgement', 'client-answer': 'answer', 'client-info-request': 'info_request',
  'decision-accepted': 'decision', 'decision-partial': 'decision', 'decision-rejected': 'decision', 'client-deadline-extended': 'deadline_extended',
  'staff-new-case': 'staff_notice', 'staff-new-cases': 'staff_notice', 'staff-follow-up': 'staff_forward', 'staff-assigned': 'staff_assigned', 'staff-approval-request': 'approval_request',
  'staff-decision-returned': 'decision_returned', 'staff-command-result': 'command_result', 'staff-command-errors': 'command_errors',
  'staff-alert': 'alert', 'staff-deadline-reminder': 'deadline_reminder', 'staff-department-notice': 'department_notice',
  'system-alert': 'alert', 'system-overdue-digest': 'digest', 'system-department-digest': 'digest', 'system-kpi-report': 'kpi_report',
};

/** Letters about no case: rendered with the organisation's name and their own data only. */
export function isSystemTemplate(name: TemplateName): boolean {
  return name.startsWith('system-');
}

/** Letters to the client (the rest go to staff): they carry the client's reply token. */
export function isClientTemplate(name: TemplateName): boolean {
  return CLIENT_KINDS.has(LETTER_KIND_OF[name]);
}

const CLIENT_KINDS: ReadonlySet<LetterKind> = new Set(['acknowledgement', 'answer', 'info_request', 'decision', 'deadline_extended']);

export function sampleCase(now: Date, numberPrefix: string): CaseRow {
  const at = (daysAgo: number): string => new Date(now.getTime() - daysAgo * 86_400_000).toISOString();
  return {
    id: 0, number: `${numberPrefix}-${now.getUTCFullYear()}-000042`, status: 'in_progress', clientAddress: 'client@example.org', clientName: 'Ирина Смирнова',
    subject: 'Не вернули деньги за заказ 1234', body: 'Здравствуйте! Я вернула товар две недели назад, деньги так и не пришли.', language: 'ru', locale: 'ru',
    category: null, categorySource: 'rule', categoryConfidence: 0.92, needsReview: false, department: null, priority: 'normal', receivedAt: at(3),
    subjectKey: 'не вернули деньги за заказ 1234', assignee: null, deadlineDays: 30, deadlineUnit: 'calendar', deadlineAt: at(-27),
    categoryConfirmed: false, lastMessageAt: at(1), decidedAt: null, closedAt: null, mergedInto: null, deadlineOverrideAt: null, deadlineOverrideSetAt: null,
    createdAt: at(3), updatedAt: at(1),
  };
}

const ALERT = { kind: 'threat', rule: 'threat court-ru: «подам в суд»', reason: 'the complaint threatens court', whatToDo: 'Answer within a day; involve the legal department.' };

/** What each template gets besides the case view (see the callers in src/cases, src/alerts, src/digests). */
export function sampleLetterData(name: TemplateName, locale: Locale, now: Date): Record<string, unknown> {
  const commandsHelp = renderCommandHelp(locale);
  const text = locale === 'ru' ? 'Деньги вернём в течение пяти рабочих дней.' : 'We shall refund you within five working days.';
  const decision = { asked: 'a refund of 4 990 RUB', reasoning: text };
  const attachments = [{ safeName: 'receipt.pdf', size: 48213 }];
  const byDay = (days: number): string => new Date(now.getTime() + days * 86_400_000).toISOString();
  const data: Record<TemplateName, Record<string, unknown>> = {
    acknowledgement: {},
    'client-too-large': { registered: true, message: { subject: 'Фото повреждений', sizeMb: '31.4' }, limitMb: '25' },
    'client-answer': { staffName: 'Анна Петрова', text },
    'client-info-request': { text: locale === 'ru' ? 'Пришлите, пожалуйста, номер чека.' : 'Please send us the receipt number.' },
    'decision-accepted': decision, 'decision-partial': decision, 'decision-rejected': decision,
    'client-deadline-extended': { newDeadline: byDay(40), reason: 'we are waiting for the bank' },
    'staff-new-case': { text, attachments, routing: 'round-robin: next agent of refunds', transfer: '', verdict: { needsReview: true, confidencePercent: 62, reason: 'rule refund-ru' }, commandsHelp },
    'staff-new-cases': {
      count: 2, org: { name: 'ООО «Пример»' },
      cases: [
        { number: 'C-2026-000042', subject: 'Не вернули деньги', categoryName: 'Refunds', departmentName: 'refunds', priority: 'normal', deadlineAt: byDay(30), timeLeft: '30 days left', replyTo: 'complaints+d16-abc@example.org' },
        { number: 'C-2026-000043', subject: 'Charged twice', categoryName: '', departmentName: '', priority: 'high', deadlineAt: null, timeLeft: '', replyTo: null },
      ],
    },
    'staff-follow-up': { text, attachments, fromName: 'Ирина Смирнова', fromAddress: 'client@example.org', effect: 'the case is reopened', commandsHelp },
    'staff-assigned': { byName: 'Олег Сидоров', text, commandsHelp },
    'staff-approval-request': { decision: { byName: 'Анна Петрова', outcomeName: locale === 'ru' ? 'отказ' : 'rejected' }, draft: { subject: 'Decision', text } },
    'staff-decision-returned': { byName: 'Олег Сидоров', decision: { outcomeName: locale === 'ru' ? 'отказ' : 'rejected' }, reason: 'cite the contract clause', commandsHelp },
    'staff-command-result': { changes: ['status: in_progress', 'assignee: staff2@example.org'] },
    'staff-command-errors': { errors: [{ line: 2, raw: '#asign bob', message: 'unknown command #asign' }], commandsHelp },
    'staff-alert': { alert: ALERT },
    'staff-deadline-reminder': { point: '50%' },
    'staff-department-notice': { why: 'the cause is refunds' },
    'system-alert': { alert: ALERT },
    'system-overdue-digest': { now: now.toISOString(), department: 'refunds', cases: [{ number: 'C-2026-000042', subject: 'Не вернули деньги', deadlineAt: byDay(-2), overdue: '2 days', assignee: 'staff2@example.org' }] },
    'system-department-digest': {
      department: 'refunds', period: { from: byDay(-7), to: now.toISOString() }, total: 12, previousTotal: 9,
      causes: [{ name: 'Refunds', count: 8, previous: 5, change: '+60%' }], oldest: [{ number: 'C-2026-000042', subject: 'Не вернули деньги', age: '12 days' }], examples: ['Не вернули деньги за заказ 1234'],
    },
    'system-kpi-report': {
      period: { from: byDay(-7).slice(0, 10), to: now.toISOString().slice(0, 10) },
      missed: [{ subject: locale === 'ru' ? 'вся служба' : 'the whole desk', figure: locale === 'ru' ? 'решено в срок' : 'decided on time', actual: '91%', target: '≥ 95%' }],
      targetCount: 3, metCount: 2,
      figures: [{ label: locale === 'ru' ? 'получено претензий' : 'cases received', value: '42', previous: '37', change: '+14%' }],
      report: '<!doctype html><html><body><p>KPI</p></body></html>',
    },
  };
  return data[name];
}

// The HTML report's words in both languages: it is what supervisors read in the KPI letter, in
// their own locale. Figure names are in metric-format.ts.
import type { Locale } from '../templates/localized-text';

export interface HtmlLabels {
  title: string; compared: string; targets: (missed: number, total: number) => string; verdict: { missed: string; met: string }; unjudged: (n: number) => string;
  targetHead: string[]; desk: string; deskHead: string[]; causes: string; causesChart: string; causeHead: string[];
  departments: string; onTimeChart: string; wholeDesk: string; departmentHead: string[]; backlog: string; backlogChart: (at: string) => string;
  withinTerm: string; overdue: string; staff: string; staffHead: string[]; classifier: string; runsHead: string[]; noRuns: string;
  corrections: string; correctionsHead: string[]; noCorrections: string; yes: string; no: string;
}

export const HTML_LABELS: Record<Locale, HtmlLabels> = {
  en: {
    title: 'KPI report', compared: 'Compared with the previous period of the same length', targets: (m, t) => `Targets: ${m} missed of ${t}`,
    verdict: { missed: 'MISSED', met: 'met' }, unjudged: (n) => `${n} more without data to judge by (nothing was due, decided or acknowledged).`, targetHead: ['', 'for', 'figure', 'actual', 'target'],
    desk: 'Desk', deskHead: ['figure', 'this period', 'previous', 'change'], causes: 'Causes', causesChart: 'Causes over time (cases received)', causeHead: ['cause', 'this period', 'previous'],
    departments: 'Departments', onTimeChart: 'Decided on time per department (mark: target)', wholeDesk: 'whole desk',
    departmentHead: ['department', 'cases', 'on time', 'ack median', 'decision median', 'reopen rate', 'overdue'],
    backlog: 'Backlog', backlogChart: (at) => `Backlog ageing at ${at} (open cases by age since receipt)`, withinTerm: 'within term', overdue: 'overdue',
    staff: 'Staff', staffHead: ['employee', 'handled', 'decided', 'on time', 'decision median', 'returned by approval'],
    classifier: 'Classifier quality per retrain', runsHead: ['finished', 'trained on', 'held out', 'macro-F1', 'accepted', 'per-class F1'], noRuns: 'No retrain yet.',
    corrections: 'Categories staff corrected most (the causes the rules and the model miss)', correctionsHead: ['corrected to', 'corrections'], noCorrections: 'No category corrected in the period.',
    yes: 'yes', no: 'no',
  },
  ru: {
    title: 'Отчёт о КПЭ', compared: 'В сравнении с предыдущим периодом той же длины', targets: (m, t) => `Целевые значения: не достигнуто ${m} из ${t}`,
    verdict: { missed: 'НЕ ДОСТИГНУТО', met: 'достигнуто' }, unjudged: (n) => `Ещё ${n} без данных для оценки (ничего не наступило, не решено и не подтверждено).`, targetHead: ['', 'для', 'показатель', 'факт', 'цель'],
    desk: 'Служба в целом', deskHead: ['показатель', 'этот период', 'предыдущий', 'изменение'], causes: 'Причины', causesChart: 'Причины по времени (поступившие претензии)', causeHead: ['причина', 'этот период', 'предыдущий'],
    departments: 'Отделы', onTimeChart: 'Решено в срок по отделам (черта: цель)', wholeDesk: 'вся служба',
    departmentHead: ['отдел', 'претензий', 'в срок', 'подтверждение, медиана', 'решение, медиана', 'повторно открыто', 'просрочено'],
    backlog: 'Очередь', backlogChart: (at) => `Возраст открытых претензий на ${at} (с момента поступления)`, withinTerm: 'в срок', overdue: 'просрочено',
    staff: 'Сотрудники', staffHead: ['сотрудник', 'работал с', 'решений', 'в срок', 'решение, медиана', 'возвращено при согласовании'],
    classifier: 'Качество классификатора по переобучениям', runsHead: ['завершено', 'обучено на', 'отложено', 'macro-F1', 'принято', 'F1 по классам'], noRuns: 'Переобучений ещё не было.',
    corrections: 'Причины, которые сотрудники исправляли чаще всего (что упускают правила и модель)', correctionsHead: ['исправлено на', 'исправлений'], noCorrections: 'За период причины не исправлялись.',
    yes: 'да', no: 'нет',
  },
};

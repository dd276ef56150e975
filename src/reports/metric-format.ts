// How each KPI reads in every rendering (terminal, CSV, HTML, the letter): its name in both
// languages and how its value is written, so a figure looks the same wherever it is shown.
import type { Locale } from '../templates/localized-text';
import type { KpiFigures } from './kpi-figures';
import type { TargetMetric } from './targets';

export type MetricKind = 'count' | 'share' | 'minutes' | 'hours';

export interface HeadlineMetric {
  key: keyof KpiFigures & string;
  kind: MetricKind;
  label: Record<Locale, string>;
}

/** The desk's figures in the order every report lists them. */
export const HEADLINE: readonly HeadlineMetric[] = [
  { key: 'cases', kind: 'count', label: { en: 'cases received', ru: 'поступило претензий' } },
  { key: 'medianAckMinutes', kind: 'minutes', label: { en: 'time to acknowledge, median', ru: 'время до подтверждения, медиана' } },
  { key: 'p90AckMinutes', kind: 'minutes', label: { en: 'time to acknowledge, p90', ru: 'время до подтверждения, p90' } },
  { key: 'decided', kind: 'count', label: { en: 'cases decided', ru: 'принято решений' } },
  { key: 'medianDecisionHours', kind: 'hours', label: { en: 'time to decision, median', ru: 'время до решения, медиана' } },
  { key: 'p90DecisionHours', kind: 'hours', label: { en: 'time to decision, p90', ru: 'время до решения, p90' } },
  { key: 'due', kind: 'count', label: { en: 'cases due', ru: 'срок ответа наступил' } },
  { key: 'onTimeShare', kind: 'share', label: { en: 'decided on time', ru: 'решено в срок' } },
  { key: 'reopenRate', kind: 'share', label: { en: 'reopen rate', ru: 'доля повторно открытых' } },
  { key: 'repeatShare', kind: 'share', label: { en: 'repeat complaints', ru: 'повторные обращения' } },
  { key: 'overdueBacklog', kind: 'count', label: { en: 'overdue backlog at the end', ru: 'просрочено на конец периода' } },
];

const EMPLOYEE_METRICS: Record<string, { kind: MetricKind; label: Record<Locale, string> }> = {
  returnedByApproval: { kind: 'count', label: { en: 'decisions returned by approval', ru: 'решений возвращено при согласовании' } },
};

export function metricInfo(metric: TargetMetric): { kind: MetricKind; label: Record<Locale, string> } {
  return HEADLINE.find((m) => m.key === metric) ?? EMPLOYEE_METRICS[metric] ?? { kind: 'count', label: { en: metric, ru: metric } };
}

export function formatValue(value: number | null, kind: MetricKind): string {
  if (value === null) return '—';
  switch (kind) {
    case 'count': return String(value);
    case 'share': return `${(value * 100).toFixed(1)} %`;
    case 'minutes': return `${value.toFixed(1)} min`;
    case 'hours': return `${value.toFixed(1)} h`;
  }
}

/** "+3", "−2.5 h", "+4.0 pp" for a share, "" when either side has no figure. */
export function formatChange(now: number | null, before: number | null, kind: MetricKind): string {
  if (now === null || before === null) return '';
  const diff = now - before;
  if (diff === 0) return '0';
  const sign = diff > 0 ? '+' : '−';
  const size = Math.abs(diff);
  if (kind === 'count') return `${sign}${size}`;
  if (kind === 'share') return `${sign}${(size * 100).toFixed(1)} pp`;
  return `${sign}${size.toFixed(1)} ${kind === 'minutes' ? 'min' : 'h'}`;
}

export function formatTarget(direction: 'atLeast' | 'atMost', target: number, kind: MetricKind): string {
  return `${direction === 'atLeast' ? '≥' : '≤'} ${formatValue(target, kind)}`;
}

/** The date part of an ISO instant, for period headings. */
export function day(iso: string): string {
  return iso.slice(0, 10);
}

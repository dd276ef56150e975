// The abnormal situations the supervisor is told of; each can be switched off in config (alerts.enabled).

export const ALERT_KINDS = ['deadline_breach', 'repeated_complaints', 'threat', 'vip', 'quarantine', 'mail_loop', 'bounce', 'unreachable', 'refused_staff', 'config_refused'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

import type { ThreatLists } from './threats';

export interface AlertSettings {
  threats: ThreatLists;
  enabled: ReadonlySet<AlertKind>;
  repeatedComplaints: { count: number; withinDays: number };
  vip: { senders: readonly string[]; domains: readonly string[] };
  unreachableMinutes: number;
}

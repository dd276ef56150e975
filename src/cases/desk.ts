// The complaints desk as the case code sees it: numbering, letters and their templates, the causes
// and departments, the staff directory and routing, the business calendar and deadline terms, and the
// approval rules. Built once from the configuration, handed to everything that works on a case.
import type { Catalogue } from '../templates/catalogue';
import type { SuppressionPolicy } from '../mail/suppression';
import type { AutoLetterCeiling } from '../hygiene/auto-letter-ceiling';
import type { Locale } from '../templates/localized-text';
import type { CategorySet } from '../rules/categories';
import type { StaffDirectory } from '../staff/directory';
import type { RoutingPolicy } from '../staff/routing';
import type { TokenSettings } from '../staff/reply-token';
import type { PlusAddressing } from '../staff/reply-address';
import type { BusinessCalendar } from '../deadlines/business-calendar';
import type { DeadlineJobSettings } from '../deadlines/deadline-jobs';
import type { DecisionOutcome } from './decision-outcome';
import type { AlertSettings } from '../alerts/alert-kinds';
import type { Weekday } from '../deadlines/local-date';
import type { Targets } from '../reports/targets';

export interface Desk {
  numberPrefix: string;
  sequenceDigits: number;
  timeZone: string;
  defaultLocale: Locale;
  localeFrom: 'complaint' | 'config';
  orgName: string;
  from: { address: string; name: string };
  /** Bounces, the suppression list and the ceiling on automatic letters (config mail.*). */
  hygiene: { suppression: SuppressionPolicy; autoLetterCeiling: AutoLetterCeiling };
  /** Signs the Reply-To of every letter; null when reply tokens are off. */
  tokens: (TokenSettings & PlusAddressing) | null;
  catalogue: Catalogue;
  categories: CategorySet;
  categoryName(id: string, locale: string): string;
  directory: StaffDirectory;
  routing: RoutingPolicy;
  /** Told of every new case besides its department or assignee. */
  alsoNotify: readonly string[];
  /** staff.announcements.batchSeconds in ms: 0 announces every new case in a letter of its own. */
  announceBatchMs: number;
  calendar: BusinessCalendar;
  deadlines: DeadlineJobSettings & { defaultDays: number; digestAt: string; digestWorkingDaysOnly: boolean };
  requireApproval: readonly DecisionOutcome[];
  autoCloseDays: number;
  /** The Authentication-Results check that may stand in for a staff token; null when not configured. */
  auth: { trustedAuthservIds: readonly string[]; orgDomains: readonly string[] } | null;
  alerts: AlertSettings;
  departmentDigest: { every: 'daily' | 'weekly' | 'off'; weekday: Weekday; at: string };
  /**
   * Set (to the reason) while historic mail is imported (complaintd import): every letter is written
   * to the outbox as withheld, never sent, and no reminder or escalation is planned. Null otherwise.
   */
  backfill: string | null;
  /** KPI targets and the KPI letter's schedule (config reports). */
  reports: { targets: Targets; letter: { every: 'daily' | 'weekly' | 'off'; weekday: Weekday; at: string; to: readonly string[] } };
}

export function departmentName(desk: Desk, id: string | null): string {
  if (!id) return '';
  return desk.categories.departments.get(id)?.name ?? id;
}

// Everything the pipeline needs, built from the configuration in one place, so the daemon, `explain`,
// the benchmarks and the tests run the very same decisions with the very same settings.
import type { Knex } from 'knex';
import type { AppConfig } from './config/schema';
import type { Logger } from './log/logger';
import type { PipelineDeps } from './pipeline';
import { loadCatalogue, type Catalogue } from './templates/catalogue';
import { loadClassification, type Classification } from './classification';
import { loadPredictor } from './classifier/load-predictor';
import { readSecret, storedSecret } from './store/secret-repo';
import { loadCalendarFile } from './deadlines/calendar-file';
import { BusinessCalendar } from './deadlines/business-calendar';
import { buildDirectory } from './staff/directory';
import type { Desk } from './cases/desk';
import { loadQuotingPatterns, type QuotingPatterns } from './mail/quoting-patterns';
import { splitReply } from './mail/reply-text';
import { isThanksOnly } from './mail/thanks-only';
import { loadThreatLists } from './alerts/threat-file';
import { BoundedParser } from './mail/bounded-parse';
import type { ThreatLists } from './alerts/threats';

export interface LoadedParts {
  catalogue: Catalogue;
  classification: Classification;
  calendar: BusinessCalendar;
  quoting: QuotingPatterns;
  threats: ThreatLists;
}

export const TOKEN_SECRET_NAME = 'reply-token-hmac';

export async function loadParts(config: AppConfig): Promise<LoadedParts> {
  return {
    catalogue: loadCatalogue(config.templates.dir, config.instance.timezone),
    classification: await loadClassification(config.classification, loadPredictor),
    quoting: loadQuotingPatterns(config.mail.quotingDir),
    threats: await loadThreatLists(config.alerts.threatsFile),
    calendar: new BusinessCalendar({ timezone: config.calendar.timezone, workingWeekdays: config.calendar.workingDays, data: await loadCalendarFile(config.calendar.file) }),
  };
}

/** The reply-token key: the configured one, else the one kept in the store (made on first use). */
export async function tokenSecret(config: AppConfig, db: Knex, now: Date): Promise<string> {
  return config.threading.replyToken.secret || storedSecret(db, TOKEN_SECRET_NAME, now.toISOString());
}

/** The same key for commands that only look: null when none was configured or made yet. */
export async function existingTokenSecret(config: AppConfig, db: Knex | null): Promise<string | null> {
  return config.threading.replyToken.secret || (db ? readSecret(db, TOKEN_SECRET_NAME) : null);
}

export function pipelineDeps(config: AppConfig, parts: LoadedParts, io: { db: Knex; log: Logger; clock: () => Date; secret: string }): PipelineDeps {
  const { replyToken } = config.threading;
  const plus = { base: replyToken.address || config.smtp.fromAddress, separator: replyToken.separator };
  const tokens = replyTokens(config, io.secret);
  const desk = deskOf(config, parts, tokens);
  return {
    db: io.db,
    log: io.log,
    clock: io.clock,
    limits: config.mail,
    // No thread starts until the first message is parsed: commands that never parse pay nothing.
    parser: new BoundedParser({ timeoutMs: config.mail.parseTimeoutMs, memoryMb: config.mail.parseMemoryMb }),
    tooLarge: config.mail.tooLarge,
    maxAttempts: 3,
    categorize: parts.classification.categorize,
    readReply: (body) => {
      const split = splitReply(body, parts.quoting);
      return { split, thanksOnly: isThanksOnly(split.text, parts.quoting) };
    },
    threading: {
      departmentsOf: (address) => {
        const member = desk.directory.byAddress(address);
        if (!member) return [];
        return member.role === 'admin' ? [...desk.categories.departments.keys()] : member.department ? [member.department] : [];
      },
      isStaff: (address) => desk.directory.byAddress(address) !== null,
      numberPrefix: config.cases.numberPrefix,
      tokens,
      fallbackWindowDays: config.threading.fallbackWindowDays,
      reopenWindowDays: config.threading.reopenWindowDays,
      ownAddresses: [config.smtp.fromAddress, config.imap.user, plus.base, ...config.threading.ownAddresses],
      separator: replyToken.separator,
    },
    desk,
  };
}

/** How letters' Reply-To addresses are signed; null when reply tokens are off. */
export function replyTokens(config: AppConfig, secret: string): Desk['tokens'] {
  const { replyToken } = config.threading;
  if (!replyToken.enabled) return null;
  return { base: replyToken.address || config.smtp.fromAddress, separator: replyToken.separator, secret, maxAgeDays: replyToken.maxAgeDays };
}

/** The desk alone, for checks and previews that render letters without a store. */
export function deskOf(config: AppConfig, parts: LoadedParts, tokens: Desk['tokens']): Desk {
  const { categories } = parts.classification;
  return {
    numberPrefix: config.cases.numberPrefix,
    sequenceDigits: config.cases.sequenceDigits,
    timeZone: config.instance.timezone,
    defaultLocale: config.instance.defaultLocale,
    localeFrom: config.instance.localeFrom,
    orgName: config.instance.name,
    from: { address: config.smtp.fromAddress, name: config.smtp.fromName },
    hygiene: { suppression: config.mail.suppression, autoLetterCeiling: config.mail.autoLetterCeiling },
    tokens,
    catalogue: parts.catalogue,
    categories,
    categoryName: parts.classification.categoryName,
    directory: buildDirectory(config.staff.members, categories.departments),
    routing: config.staff.routing.policy,
    alsoNotify: config.staff.notify,
    announceBatchMs: config.staff.announcements.batchSeconds * 1000,
    calendar: parts.calendar,
    deadlines: config.deadlines,
    requireApproval: config.decisions.requireApproval,
    autoCloseDays: config.decisions.autoCloseDays,
    auth: config.staff.authentication.trustedAuthservIds.length > 0 ? config.staff.authentication : null,
    alerts: { ...config.alerts, enabled: new Set(config.alerts.enabled), threats: parts.threats },
    departmentDigest: config.departmentDigest,
    reports: config.reports,
    backfill: null,
  };
}

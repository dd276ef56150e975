// The one schema every configuration source is validated against. Strict objects reject unknown
// keys, so a mistyped key is reported instead of silently ignored.
import { z } from 'zod';
import { NON_WORKING_DAY_RULES } from '../deadlines/deadline';
import { WEEKDAYS } from '../deadlines/local-date';
import { parseReminderPoint } from '../deadlines/reminder-points';
import type { ReminderPoint } from '../deadlines/reminder-points';
import { TIME_OF_DAY } from '../deadlines/time-of-day';
import { staffMemberSchema } from '../staff/directory';
import { ROUTING_POLICIES } from '../staff/routing';
import { DECISION_OUTCOMES } from '../cases/decision-outcome';
import { ALERT_KINDS } from '../alerts/alert-kinds';
import { targetsSchema } from '../reports/targets';
import { TOO_LARGE_POLICIES } from '../cases/too-large';

const port = z.number().int().min(1).max(65535);
const ms = z.number().int().min(0);
const email = z.string().regex(/^[^\s@]+@[^\s@]+$/, 'must be an e-mail address');
const timeZone = z.string().refine(isTimeZone, 'must be an IANA time zone such as Europe/Moscow');
const timeOfDay = z.string().regex(TIME_OF_DAY, 'must be a time written HH:MM, such as "09:00"');

/** "50%" or "1 working day before", read once here so the daemon gets the parsed points. */
const reminderPoint = z.string().transform((text, ctx): ReminderPoint => {
  const point = parseReminderPoint(text);
  if (typeof point !== 'string') return point;
  ctx.issues.push({ code: 'custom', message: point, input: text });
  return z.NEVER;
});

/** A repeated item is a slip, and for reminders it would be one reminder under two names. */
function unique<T>(key: (item: T) => string, what: string) {
  return (items: T[], ctx: z.RefinementCtx): void => {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      if (seen.has(key(item))) ctx.addIssue({ code: 'custom', path: [i], message: `${what} "${key(item)}" is listed twice` });
      seen.add(key(item));
    });
  };
}

// The deployment's own settings have no working default: an empty one stops the daemon (and
// check-config) with this, rather than letting it talk to a test server or mail a test address.
const SET_IT = 'set it in your local config (see README)';
const required = z.string().min(1, `required, ${SET_IT}`);

export const configSchema = z.strictObject({
  instance: z.strictObject({
    name: z.string().min(1),
    timezone: timeZone,
    defaultLocale: z.enum(['ru', 'en']),
    localeFrom: z.enum(['complaint', 'config']),
  }),
  store: z.strictObject({
    client: z.enum(['sqlite3', 'pg']),
    filename: z.string().min(1),
    connection: z.union([z.literal(''), z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')]),
    host: z.string(),
    port,
    database: z.string(),
    user: z.string(),
    password: z.string(),
    passwordFile: z.string(),
    pool: z.strictObject({ min: z.number().int().min(0), max: z.number().int().min(1).max(100) }),
  }).superRefine((store, ctx) => {
    if (store.client !== 'pg') return;
    if (store.connection === '' && store.host === '') ctx.addIssue({ code: 'custom', path: ['connection'], message: `required for client pg (or host, port, database, user), ${SET_IT}` });
    if (store.pool.min > store.pool.max) ctx.addIssue({ code: 'custom', path: ['pool', 'min'], message: 'must not be more than pool.max' });
  }),
  imap: z.strictObject({
    host: required,
    port,
    secure: z.boolean(),
    tlsRejectUnauthorized: z.boolean(),
    user: required,
    password: z.string(),
    passwordFile: z.string(),
    accessToken: z.string(),
    mailbox: z.string().min(1),
    mailboxes: z.array(z.string().min(1)),
    processedMailbox: z.string().min(1),
    quarantineMailbox: z.string().min(1),
    sentMailbox: z.string().min(1),
    idle: z.boolean(),
    idleDebounceMs: ms,
    pollIntervalMs: z.number().int().min(100),
    fetchBatchSize: z.number().int().min(1).max(1000),
    connectTimeoutMs: z.number().int().min(100),
    reconnect: z.strictObject({
      initialMs: z.number().int().min(1),
      maxMs: z.number().int().min(1),
      jitter: z.number().min(0).max(1),
      healthyAfterMs: ms,
    }),
  }).refine((imap) => Boolean(imap.password || imap.passwordFile || imap.accessToken), {
    path: ['password'],
    message: `required (or passwordFile, or accessToken), ${SET_IT}`,
  }),
  smtp: z.strictObject({
    host: required,
    port,
    secure: z.boolean(),
    tlsRejectUnauthorized: z.boolean(),
    user: z.string(),
    password: z.string(),
    passwordFile: z.string(),
    maxConnections: z.number().int().min(1).max(50),
    fromAddress: required.pipe(email),
    fromName: z.string(),
    pollIntervalMs: z.number().int().min(10),
    claimTimeoutMs: z.number().int().min(1000),
    journal: z.strictObject({
      enabled: z.boolean(),
      address: z.union([z.literal(''), email]),
      graceSeconds: z.number().int().min(1),
    }),
    retry: z.strictObject({
      maxAttempts: z.number().int().min(1),
      initialMs: z.number().int().min(1),
      maxMs: z.number().int().min(1),
    }),
  }),
  cases: z.strictObject({
    numberPrefix: z.string().regex(/^[A-Z][A-Z0-9]{0,9}$/, 'must be 1-10 capital letters or digits, starting with a letter'),
    sequenceDigits: z.number().int().min(3).max(12),
  }),
  threading: z.strictObject({
    replyToken: z.strictObject({
      enabled: z.boolean(),
      address: z.union([z.literal(''), email]),
      separator: z.enum(['+', '-', '_', '=']),
      secret: z.string(),
      secretFile: z.string(),
      maxAgeDays: z.number().int().min(1),
    }),
    fallbackWindowDays: z.number().int().min(0),
    reopenWindowDays: z.number().int().min(0),
    ownAddresses: z.array(email),
  }),
  mail: z.strictObject({
    maxMessageBytes: z.number().int().min(1024),
    maxAttachmentBytes: z.number().int().min(0),
    // Below ~16 MB V8 cannot even load the parser in the thread; a timeout under 100 ms quarantines ordinary mail.
    parseTimeoutMs: z.number().int().min(100),
    parseMemoryMb: z.number().int().min(16).max(16384),
    tooLarge: z.enum(TOO_LARGE_POLICIES),
    quotingDir: z.string().min(1),
    verp: z.boolean(),
    suppression: z.strictObject({
      hardBounceDays: z.number().int().min(0),
      softBounceThreshold: z.strictObject({ count: z.number().int().min(0), withinDays: z.number().int().min(1), days: z.number().int().min(1) }),
    }),
    autoLetterCeiling: z.strictObject({
      perRecipientPerHour: z.number().int().min(0),
      perRecipientPerDay: z.number().int().min(0),
      globalPerHour: z.number().int().min(0),
    }),
  }),
  staff: z.strictObject({
    notify: z.array(email),
    members: z.array(staffMemberSchema).default([]),
    routing: z.strictObject({
      policy: z.enum(ROUTING_POLICIES).default('queue'),
    }).default({ policy: 'queue' }),
    announcements: z.strictObject({
      batchSeconds: z.number().int().min(0).max(3600),
    }).default({ batchSeconds: 60 }),
    authentication: z.strictObject({
      trustedAuthservIds: z.array(z.string().min(1)),
      orgDomains: z.array(z.string().min(1)),
    }),
  }),
  decisions: z.strictObject({
    requireApproval: z.array(z.enum(DECISION_OUTCOMES)).default(['rejected']),
    autoCloseDays: z.number().int().min(0),
  }),
  scheduler: z.strictObject({
    pollIntervalMs: z.number().int().min(100),
    claimTimeoutMs: z.number().int().min(1000),
  }),
  leases: z.strictObject({
    ttlSeconds: z.number().int().min(2),
    renewSeconds: z.number().int().min(1),
    standbySeconds: z.number().int().min(1),
  }).refine((l) => l.renewSeconds * 2 <= l.ttlSeconds, {
    path: ['renewSeconds'],
    message: 'must be at most half of ttlSeconds, so a renewal can fail once without losing the mailbox',
  }),
  classification: z.strictObject({
    rulesDir: z.string().min(1),
    categoriesFile: z.string().min(1),
    modelPath: z.string().min(1),
    mode: z.enum(['rules-first', 'classifier-first', 'rules-only', 'classifier-only']),
    minConfidence: z.number().min(0).max(1),
    labelMap: z.string(),
    retrain: z.strictObject({
      afterNewLabels: z.number().int().min(0),
      every: z.string().regex(/^(\d+[hd])?$/, 'must be a number of hours or days such as "12h" or "7d", or "" for never'),
      initialCsv: z.string(),
      initialCsvTextColumn: z.string().min(1),
      initialCsvLabelColumn: z.string().min(1),
      heldOutShare: z.number().gt(0).lt(1),
      minHeldOutLabels: z.number().int().min(1),
      tolerance: z.number().min(0).max(1),
    }),
  }),
  calendar: z.strictObject({
    timezone: timeZone,
    workingDays: z.array(z.enum(WEEKDAYS)).min(1).superRefine(unique((d) => d, 'working day')),
    file: z.string().min(1),
  }),
  deadlines: z.strictObject({
    defaultDays: z.number().int().min(1).max(366),
    onNonWorkingDay: z.enum(NON_WORKING_DAY_RULES),
    reminders: z.array(reminderPoint).superRefine(unique((p) => p.key, 'reminder')),
    remindersAt: timeOfDay,
    escalation: z.boolean(),
    digestAt: timeOfDay,
    digestWorkingDaysOnly: z.boolean(),
  }),
  departmentDigest: z.strictObject({
    every: z.enum(['daily', 'weekly', 'off']),
    weekday: z.enum(WEEKDAYS),
    at: timeOfDay,
  }),
  reports: z.strictObject({
    targets: targetsSchema,
    letter: z.strictObject({
      every: z.enum(['daily', 'weekly', 'off']),
      weekday: z.enum(WEEKDAYS),
      at: timeOfDay,
      to: z.array(email),
    }),
  }),
  retention: z.strictObject({
    rawDays: z.number().int().min(0),
    bodyDays: z.number().int().min(0),
    at: timeOfDay,
  }),
  alerts: z.strictObject({
    threatsFile: z.string().min(1),
    enabled: z.array(z.enum(ALERT_KINDS)),
    repeatedComplaints: z.strictObject({ count: z.number().int().min(2), withinDays: z.number().int().min(1) }),
    vip: z.strictObject({ senders: z.array(email), domains: z.array(z.string().min(1)) }),
    unreachableMinutes: z.number().int().min(1),
  }),
  templates: z.strictObject({
    dir: z.string().min(1),
  }),
  ops: z.strictObject({
    port: z.number().int().min(0).max(65535),
    host: z.enum(['127.0.0.1', '::1', 'localhost']),
    unhealthyAfterSeconds: z.number().int().min(1),
    watch: z.boolean(),
    reloadDebounceMs: z.number().int().min(50),
  }),
  log: z.strictObject({
    level: z.enum(['error', 'warn', 'info', 'debug']),
    format: z.enum(['json', 'pretty', 'auto']),
    maskPersonalData: z.boolean(),
  }),
});

export type AppConfig = z.infer<typeof configSchema>;

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

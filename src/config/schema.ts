// The one schema every configuration source is validated against. Strict objects reject unknown
// keys, so a mistyped key is reported instead of silently ignored.
import { z } from 'zod';

const port = z.number().int().min(1).max(65535);
const ms = z.number().int().min(0);
const email = z.string().regex(/^[^\s@]+@[^\s@]+$/, 'must be an e-mail address');

export const configSchema = z.strictObject({
  instance: z.strictObject({
    name: z.string().min(1),
    timezone: z.string().refine(isTimeZone, 'must be an IANA time zone such as Europe/Moscow'),
    defaultLocale: z.enum(['ru', 'en']),
    localeFrom: z.enum(['complaint', 'config']),
  }),
  store: z.strictObject({
    client: z.enum(['sqlite3']),
    filename: z.string().min(1),
  }),
  imap: z.strictObject({
    host: z.string().min(1),
    port,
    secure: z.boolean(),
    tlsRejectUnauthorized: z.boolean(),
    user: z.string().min(1),
    password: z.string(),
    passwordFile: z.string(),
    accessToken: z.string(),
    mailbox: z.string().min(1),
    processedMailbox: z.string().min(1),
    quarantineMailbox: z.string().min(1),
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
  }),
  smtp: z.strictObject({
    host: z.string().min(1),
    port,
    secure: z.boolean(),
    tlsRejectUnauthorized: z.boolean(),
    user: z.string(),
    password: z.string(),
    passwordFile: z.string(),
    maxConnections: z.number().int().min(1).max(50),
    fromAddress: email,
    fromName: z.string(),
    pollIntervalMs: z.number().int().min(10),
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
  mail: z.strictObject({
    maxMessageBytes: z.number().int().min(1024),
    maxAttachmentBytes: z.number().int().min(0),
  }),
  staff: z.strictObject({
    notify: z.array(email),
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
  templates: z.strictObject({
    dir: z.string().min(1),
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

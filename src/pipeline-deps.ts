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

export interface LoadedParts {
  catalogue: Catalogue;
  classification: Classification;
}

export const TOKEN_SECRET_NAME = 'reply-token-hmac';

export async function loadParts(config: AppConfig): Promise<LoadedParts> {
  return {
    catalogue: loadCatalogue(config.templates.dir, config.instance.timezone),
    classification: await loadClassification(config.classification, loadPredictor),
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
  const tokens = replyToken.enabled ? { ...plus, secret: io.secret, maxAgeDays: replyToken.maxAgeDays } : null;
  return {
    db: io.db,
    log: io.log,
    clock: io.clock,
    limits: config.mail,
    maxAttempts: 3,
    categorize: parts.classification.categorize,
    // Until quoting patterns arrive the whole body counts as new text and nothing as thanks only.
    readReply: (body) => ({ split: { text: body.text, quote: '', signature: '' }, thanksOnly: false }),
    threading: {
      numberPrefix: config.cases.numberPrefix,
      tokens,
      fallbackWindowDays: config.threading.fallbackWindowDays,
      reopenWindowDays: config.threading.reopenWindowDays,
      ownAddresses: [config.smtp.fromAddress, config.imap.user, plus.base, ...config.threading.ownAddresses],
      separator: replyToken.separator,
    },
    register: {
      numberPrefix: config.cases.numberPrefix,
      sequenceDigits: config.cases.sequenceDigits,
      timeZone: config.instance.timezone,
      defaultLocale: config.instance.defaultLocale,
      localeFrom: config.instance.localeFrom,
      orgName: config.instance.name,
      from: { address: config.smtp.fromAddress, name: config.smtp.fromName },
      staffNotify: config.staff.notify,
      tokens,
      catalogue: parts.catalogue,
      categoryName: parts.classification.categoryName,
    },
  };
}

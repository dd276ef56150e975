// The command line: start the daemon, migrate the store, check the configuration, look at cases.
import { Command } from 'commander';
import { loadConfig } from './config/load';
import type { AppConfig } from './config/schema';
import { ConfigError } from './config/errors';
import { openStore, migrateLatest, withExistingStore, StoreUnavailableError } from './store/db';
import { runDaemon } from './main';
import { registerRulesCommands } from './rules/cli';
import { registerClassifierCommands } from './classifier/cli';
import { loadLabelling, loadRetrainSettings } from './classifier/retrain-settings';
import { retrainIfDue } from './classifier/retrain';
import { confirmedCategories } from './store/case-repo';
import { modelQualityHistory } from './store/classifier-run-repo';
import { mostCorrectedCategories } from './store/staff-label-repo';
import { registerCaseCommands } from './cases/cli';
import { checkEverything } from './config/check';
import { loadCategories } from './rules/categories';
import { registerExplainCommand } from './explain/cli';
import { registerSuppressionCommands } from './hygiene/suppression-cli';
import { registerTemplateCommands } from './templates/cli';
import { registerOutboxCommands } from './outbox/outbox-cli';
import { registerAlertCommands } from './alerts/alerts-cli';
import type { WithDesk } from './cases/act-cli';
import { loadParts, pipelineDeps, tokenSecret } from './pipeline-deps';
import { createLogger } from './log/logger';
import { endQuietlyOnClosedPipe } from './command-line/closed-stdout';
import { packageVersion } from './config/package-root';
import { registerReportCommand } from './reports/cli';
import { registerImportCommand } from './import/cli';
import { loadReport } from './reports/load-report';
import { existingTokenSecret } from './pipeline-deps';
import { registerPrivacyCommands } from './privacy/cli';
import { createImapClient } from './intake/imap-client';

export async function main(argv: string[]): Promise<void> {
  endQuietlyOnClosedPipe(process.stdout, (code) => process.exit(code));
  const program = new Command('complaintd')
    .description('Runs a complaints mailbox: registers cases, threads follow-ups, answers clients.')
    .version(packageVersion(), '-V, --version', 'print the version (from package.json) and exit')
    .option('-c, --config <file>', 'local configuration file (overrides config/default.yaml key by key)')
    .showHelpAfterError();

  const config = (): AppConfig => {
    const file = program.opts<{ config?: string }>().config;
    return loadConfig(file ? { localFile: file } : {}).config;
  };
  const withStore = async <T>(fn: (db: ReturnType<typeof openStore>) => Promise<T>): Promise<T> => {
    const db = openStore(config().store);
    try {
      await migrateLatest(db);
      return await fn(db);
    } finally {
      await db.destroy();
    }
  };

  program.command('start').description('run the daemon until SIGINT/SIGTERM; SIGHUP reloads the edited files').action(async () => {
    const file = program.opts<{ config?: string }>().config;
    await runDaemon(() => loadConfig(file ? { localFile: file } : {}));
  });

  program
    .command('migrate')
    .description('bring the store schema up to date')
    .action(async () => {
      const db = openStore(config().store);
      try {
        const applied = await migrateLatest(db);
        process.stdout.write(applied.length > 0 ? `applied: ${applied.join(', ')}\n` : 'already up to date\n');
      } finally {
        await db.destroy();
      }
    });

  program
    .command('check-config')
    .description('validate the configuration, templates, categories and rules without starting')
    .action(async () => {
      const file = program.opts<{ config?: string }>().config;
      const report = await checkEverything(file);
      for (const line of report.lines) process.stdout.write(`${line}\n`);
      if (!report.ok) process.exitCode = 1;
    });

  registerExplainCommand(program, config);
  const readStore = async <T>(fn: (db: ReturnType<typeof openStore>) => Promise<T>): Promise<T> => withExistingStore(config().store, fn);
  registerTemplateCommands(program, { config, readStore });
  registerOutboxCommands(program, readStore);
  registerAlertCommands(program, readStore);
  registerSuppressionCommands(program, { withStore, readStore });
  registerPrivacyCommands(program, { withStore, config, createImapClient });

  const withDesk: WithDesk = async (fn) => withStore(async (db) => {
    const cfg = config();
    const log = createLogger({ level: 'error', format: 'json', maskPersonalData: true });
    try {
      const deps = pipelineDeps(cfg, await loadParts(cfg), { db, log, clock: () => new Date(), secret: await tokenSecret(cfg, db, new Date()) });
      return await fn(db, deps.desk);
    } finally {
      await log.close();
    }
  });

  registerCaseCommands(program, { withStore, readStore, withDesk }, () => loadCategories(config().classification.categoriesFile));
  registerRulesCommands(program, async () => ({ rulesDir: config().classification.rulesDir, categoriesFile: config().classification.categoriesFile }));
  registerClassifierCommands(program, {
    settings: async () => ({ modelPath: config().classification.modelPath, ...(await loadLabelling(config().classification)) }),
    labelledFromStore: () => withStore((db) => confirmedCategories(db)),
    retrain: async (force) => {
      const settings = await loadRetrainSettings(config().classification);
      return withStore((db) => retrainIfDue({ db, settings, clock: () => new Date() }, { force }));
    },
    quality: (range) => withStore(async (db) => ({ runs: await modelQualityHistory(db), corrections: await mostCorrectedCategories(db, range) })),
  });

  registerImportCommand(program, {
    withPipeline: (dryRun, fn) => (dryRun ? readStore : withStore)(async (db) => {
      const cfg = config();
      const log = createLogger({ level: 'error', format: 'json', maskPersonalData: true });
      try {
        const secret = dryRun ? ((await existingTokenSecret(cfg, db)) ?? '') : await tokenSecret(cfg, db, new Date());
        return await fn(pipelineDeps(cfg, await loadParts(cfg), { db, log, clock: () => new Date(), secret }));
      } finally {
        await log.close();
      }
    }),
  });

  // The report only reads: the desk for its names and targets, the store as it is.
  registerReportCommand(program, {
    settings: () => ({ timeZone: config().instance.timezone, defaultLocale: config().instance.defaultLocale }),
    report: (period, locale) => readStore(async (db) => {
      const cfg = config();
      const log = createLogger({ level: 'error', format: 'json', maskPersonalData: true });
      try {
        const { desk } = pipelineDeps(cfg, await loadParts(cfg), { db, log, clock: () => new Date(), secret: (await existingTokenSecret(cfg, db)) ?? '' });
        return { report: await loadReport(db, desk, period, locale), targets: cfg.reports.targets };
      } finally {
        await log.close();
      }
    }),
  });

  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exitCode = 2;
      return;
    }
    if (err instanceof StoreUnavailableError) {
      process.stderr.write(`${err.message}\n`);
      process.exitCode = 1;
      return;
    }
    throw err;
  }
}

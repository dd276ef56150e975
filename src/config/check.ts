// `complaintd check-config`: everything the daemon would load at start, checked without starting,
// so an admin sees every problem (config, templates and every letter rendered in every locale,
// categories and departments, rules, quoting patterns, calendar, threat phrases, staff directory,
// model, store) in one go, each at its file:line where one is known.
import { existsSync } from 'node:fs';
import { loadConfig } from './load';
import type { AppConfig } from './schema';
import { loadCatalogue } from '../templates/catalogue';
import { loadCategories } from '../rules/categories';
import { loadRuleSet } from '../rules/load-rules';
import { readModel } from '../classifier/model-file';
import { loadCalendarFile } from '../deadlines/calendar-file';
import { loadThreatLists } from '../alerts/threat-file';
import { loadQuotingPatterns } from '../mail/quoting-patterns';
import { loadLabelling } from '../classifier/retrain-settings';
import { describeStore } from '../store/db';
import { deskOf, loadParts } from '../pipeline-deps';
import { templateProblems } from '../templates/check-templates';
import { TEMPLATE_NAMES } from '../templates/catalogue';
import { directoryProblems } from '../ops/validate-set';

export interface CheckReport {
  ok: boolean;
  lines: string[];
}

type Check = [label: string, run: (cfg: AppConfig, files: readonly string[]) => Promise<string> | string];

/** A check with several problems prints each on a line of its own, under the FAIL line. */
const MORE = '\n      ';

const CHECKS: Check[] = [
  // The default store is relative to the working folder: say where it is, so nobody looks elsewhere.
  ['store', (cfg) => {
    if (cfg.store.client === 'pg') return `PostgreSQL at ${describeStore(cfg.store)} (not connected to by this check)`;
    return cfg.store.filename === ':memory:' || existsSync(cfg.store.filename) ? cfg.store.filename : `${cfg.store.filename} (not created yet)`;
  }],
  ['templates', (cfg) => `locales ${loadCatalogue(cfg.templates.dir, cfg.instance.timezone).locales.join(', ')}`],
  ['categories and rules', async (cfg) => {
    const categories = await loadCategories(cfg.classification.categoriesFile);
    const rules = await loadRuleSet(cfg.classification.rulesDir, categories);
    return `${categories.categories.size} categories, ${rules.rules.length} rules`;
  }],
  ['business calendar', async (cfg) => {
    const data = await loadCalendarFile(cfg.calendar.file);
    const years = [...data.years.values()].map((y) => (y.confirmed ? `${y.year}` : `${y.year} (not confirmed)`));
    return `${cfg.calendar.file}, ${cfg.calendar.timezone}, years ${years.join(', ') || 'none'}`;
  }],
  ['threat phrases', async (cfg) => `${(await loadThreatLists(cfg.alerts.threatsFile)).groups.length} groups`],
  ['letters rendered', async (cfg) => {
    const desk = deskOf(cfg, await loadParts(cfg), null);
    const problems = templateProblems(desk, new Date());
    if (problems.length > 0) throw new Error(problems.join(MORE));
    return `${TEMPLATE_NAMES.length} letters in ${desk.catalogue.locales.length} locales rendered with sample data`;
  }],
  ['staff directory', async (cfg, files) => {
    const problems = directoryProblems(cfg, await loadCategories(cfg.classification.categoriesFile), files);
    if (problems.length > 0) throw new Error(problems.join(MORE));
    return `${cfg.staff.members.length} members, routing ${cfg.staff.routing.policy}, approval for ${cfg.decisions.requireApproval.join(', ') || 'no decision'}`;
  }],
  ['quoting patterns', (cfg) => {
    const patterns = loadQuotingPatterns(cfg.mail.quotingDir);
    return `${patterns.files.length} files, ${patterns.attribution.length} attributions, ${patterns.signOffs.length} closings`;
  }],
  ['label map', async (cfg) => {
    const { labelMap } = await loadLabelling(cfg.classification);
    return cfg.classification.labelMap === '' ? 'none' : `${cfg.classification.labelMap}: ${labelMap.size} labels mapped`;
  }],
  ['classifier model', async (cfg) => {
    const model = await readModel(cfg.classification.modelPath);
    return model
      ? `${cfg.classification.modelPath}, trained ${model.trainedAt} on ${model.exampleCount} examples`
      : `none at ${cfg.classification.modelPath} (rules decide alone)`;
  }],
];

export async function checkEverything(localFile: string | undefined): Promise<CheckReport> {
  let cfg: AppConfig;
  let files: string[];
  const lines: string[] = [];
  try {
    const loaded = loadConfig(localFile ? { localFile } : {});
    cfg = loaded.config;
    files = loaded.files;
    lines.push(`ok    configuration: ${loaded.files.join(' + ')}`);
  } catch (err) {
    return { ok: false, lines: [`FAIL  configuration: ${(err as Error).message}`] };
  }
  let ok = true;
  for (const [label, run] of CHECKS) {
    try {
      lines.push(`ok    ${label}: ${await run(cfg, files)}`);
    } catch (err) {
      ok = false;
      lines.push(`FAIL  ${label}: ${(err as Error).message}`);
    }
  }
  return { ok, lines };
}

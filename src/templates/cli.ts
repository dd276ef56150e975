// `complaintd templates preview NAME`: an admin editing a template sees the letter as it would be
// sent, for a real case (--case) or the sample one, in a chosen language, on the terminal or as an
// HTML file for a browser. src/cli.ts wires this in; nothing here runs on import.
import { writeFileSync } from 'node:fs';
import { InvalidArgumentError, type Command } from 'commander';
import type { Knex } from 'knex';
import type { AppConfig } from '../config/schema';
import { existingTokenSecret, deskOf, loadParts, replyTokens } from '../pipeline-deps';
import { findCaseByNumber } from '../store/case-repo';
import { TEMPLATE_NAMES, type TemplateName } from './catalogue';
import { previewHtml, previewLetter, type Preview } from './preview';

type ReadStore = <T>(fn: (db: Knex) => Promise<T>) => Promise<T>;

/** Signs the sample's Reply-To when no key is configured: the sample case does not exist, nor will its token. */
const SAMPLE_KEY = 'preview-only';

const out = (line = ''): void => void process.stdout.write(`${line}\n`);

function templateName(value: string): TemplateName {
  const name = TEMPLATE_NAMES.find((n) => n === value);
  if (!name) throw new InvalidArgumentError(`no such letter; one of: ${TEMPLATE_NAMES.join(', ')}`);
  return name;
}

interface PreviewOptions { case?: string; sample?: boolean; locale?: string; html?: string; raw?: boolean }

export function registerTemplateCommands(program: Command, deps: { config: () => AppConfig; readStore: ReadStore }): void {
  const templates = program.command('templates').description('look at the letters as they would be sent');
  templates
    .command('preview')
    .description(`render a letter exactly as it would be sent (names: ${TEMPLATE_NAMES.join(', ')})`)
    .argument('<name>', 'the letter', templateName)
    .option('--case <number>', 'with the data of this case from the store')
    .option('--sample', 'with sample data (the default)')
    .option('--locale <locale>', 'in this language (default: the one the reader would get)')
    .option('--html <file>', 'write the HTML part (or the text as <pre>) to this file')
    .option('--raw', 'print the MIME message as it would go to the relay')
    .action(async (name: TemplateName, opts: PreviewOptions) => {
      if (opts.case && opts.sample) throw new InvalidArgumentError('--case and --sample exclude each other');
      const preview = await build(deps, name, opts);
      if (!preview) {
        process.stderr.write(`no case ${opts.case ?? ''}\n`);
        process.exitCode = 1;
        return;
      }
      if (opts.html) {
        writeFileSync(opts.html, previewHtml(preview));
        out(`wrote ${opts.html}${preview.html ? '' : ' (this letter has no HTML part: its text is shown as sent to text-only readers)'}`);
      } else if (opts.raw) {
        process.stdout.write(preview.raw);
      } else {
        for (const [header, value] of preview.headers) out(`${header}: ${value}`);
        out();
        out(preview.text.trimEnd());
        if (preview.html) out('\n(this letter also has an HTML part: see it with --html FILE)');
      }
    });
}

async function build(deps: { config: () => AppConfig; readStore: ReadStore }, name: TemplateName, opts: PreviewOptions): Promise<Preview | null> {
  const config = deps.config();
  const parts = await loadParts(config);
  const request = { name, locale: opts.locale ?? null, now: new Date() };
  if (!opts.case) {
    const desk = deskOf(config, parts, replyTokens(config, (await existingTokenSecret(config, null)) ?? SAMPLE_KEY));
    return previewLetter(desk, { ...request, kase: null }, null);
  }
  const number = opts.case.toUpperCase();
  return deps.readStore(async (db) => {
    const kase = await findCaseByNumber(db, number);
    if (!kase) return null;
    const desk = deskOf(config, parts, replyTokens(config, (await existingTokenSecret(config, db)) ?? SAMPLE_KEY));
    return previewLetter(desk, { ...request, kase }, db);
  });
}

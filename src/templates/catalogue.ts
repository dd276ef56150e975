// Letter templates admins edit: templates/<locale>/<name>.{subject,text,html}.hbs. The whole set is
// compiled at load, so a broken template is found at start, not when a client is waiting.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { registerHelpers } from './helpers';

/** Letters to the client, then letters to staff; each exists in every locale folder. */
export const TEMPLATE_NAMES = [
  'acknowledgement', 'client-too-large', 'client-answer', 'client-info-request', 'decision-accepted', 'decision-partial', 'decision-rejected', 'client-deadline-extended',
  'staff-new-case', 'staff-follow-up', 'staff-assigned', 'staff-approval-request', 'staff-decision-returned', 'staff-command-result',
  'staff-command-errors', 'staff-alert', 'staff-deadline-reminder', 'staff-department-notice',
  'system-alert', 'system-overdue-digest', 'system-department-digest',
] as const;
export type TemplateName = (typeof TEMPLATE_NAMES)[number];
const NAMES: readonly TemplateName[] = TEMPLATE_NAMES;

export interface RenderedLetter {
  subject: string;
  text: string;
  html: string | null;
}

interface CompiledTemplate {
  subject: Handlebars.TemplateDelegate;
  text: Handlebars.TemplateDelegate;
  html: Handlebars.TemplateDelegate | null;
}

export class TemplateError extends Error {
  override name = 'TemplateError';
}

export interface Catalogue {
  locales: string[];
  render(name: TemplateName, locale: string, data: object): RenderedLetter;
}

export function loadCatalogue(dir: string, timeZone: string): Catalogue {
  const hbs = Handlebars.create();
  registerHelpers(hbs, timeZone);
  if (!existsSync(dir)) throw new TemplateError(`templates folder ${dir} does not exist`);
  const locales = readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  const compiled = new Map<string, CompiledTemplate>();
  for (const locale of locales) {
    for (const name of NAMES) compiled.set(`${locale}/${name}`, compileOne(hbs, path.join(dir, locale), name));
  }
  if (locales.length === 0) throw new TemplateError(`templates folder ${dir} has no locale folders`);
  return {
    locales,
    render(name, locale, data) {
      const t = compiled.get(`${locale}/${name}`);
      if (!t) throw new TemplateError(`no template ${name} for locale ${locale}`);
      return {
        // A subject is one line: a newline in it would start a header of the client's choosing.
        subject: t.subject(data).replace(/\s+/g, ' ').trim(),
        text: t.text(data),
        html: t.html ? t.html(data) : null,
      };
    },
  };
}

function compileOne(hbs: typeof Handlebars, folder: string, name: TemplateName): CompiledTemplate {
  const read = (part: string, required: boolean): Handlebars.TemplateDelegate | null => {
    const file = path.join(folder, `${name}.${part}.hbs`);
    if (!existsSync(file)) {
      if (required) throw new TemplateError(`missing template ${file}`);
      return null;
    }
    try {
      const source = readFileSync(file, 'utf8');
      const noEscape = part !== 'html';
      const template = hbs.compile(source, { strict: false, noEscape });
      // Compile eagerly: Handlebars otherwise defers syntax errors to the first render.
      hbs.precompile(source);
      return template;
    } catch (err) {
      throw new TemplateError(`${file}: ${(err as Error).message}`);
    }
  };
  return {
    subject: read('subject', true) as Handlebars.TemplateDelegate,
    text: read('text', true) as Handlebars.TemplateDelegate,
    html: read('html', false),
  };
}

// Letter templates admins edit: templates/<locale>/<name>.{subject,text,html}.hbs. The whole set is
// compiled at load, so a broken template is found at start, not when a client is waiting.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { registerHelpers } from './helpers';

/** Letters to the client, then letters to staff; each exists in every locale folder. */
export const TEMPLATE_NAMES = [
  'acknowledgement', 'client-too-large', 'client-answer', 'client-info-request', 'decision-accepted', 'decision-partial', 'decision-rejected', 'client-deadline-extended',
  'staff-new-case', 'staff-new-cases', 'staff-follow-up', 'staff-assigned', 'staff-approval-request', 'staff-decision-returned', 'staff-command-result',
  'staff-command-errors', 'staff-alert', 'staff-deadline-reminder', 'staff-department-notice',
  'system-alert', 'system-overdue-digest', 'system-department-digest', 'system-kpi-report',
] as const;
export type TemplateName = (typeof TEMPLATE_NAMES)[number];
const NAMES: readonly TemplateName[] = TEMPLATE_NAMES;

export interface RenderedLetter {
  subject: string;
  text: string;
  html: string | null;
}

/** One part of a letter (subject, text or html) with where it came from, for errors that name file:line. */
interface CompiledPart {
  file: string;
  source: string;
  render: Handlebars.TemplateDelegate;
}

interface CompiledTemplate {
  subject: CompiledPart;
  text: CompiledPart;
  html: CompiledPart | null;
}

/** A template that does not compile or render; `file` and `line` say where, when known. */
export class TemplateError extends Error {
  override name = 'TemplateError';
  constructor(message: string, readonly file: string | null = null, readonly line: number | null = null) {
    super(file ? `${file}${line ? `:${line}` : ''}: ${message}` : message);
  }
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
        subject: renderPart(t.subject, data).replace(/\s+/g, ' ').trim(),
        text: renderPart(t.text, data),
        html: t.html ? renderPart(t.html, data) : null,
      };
    },
  };
}

function renderPart(part: CompiledPart, data: object): string {
  try {
    return part.render(data);
  } catch (err) {
    throw new TemplateError(briefly((err as Error).message), part.file, errorLine(err, part.source));
  }
}

/**
 * Where in the source a Handlebars error is: parse errors say "on line N", block mismatches carry
 * lineNumber, and an unknown helper (found only when rendering) is looked up by its name.
 */
export function errorLine(err: unknown, source: string): number | null {
  const message = err instanceof Error ? err.message : String(err);
  const parse = /on line (\d+)/.exec(message);
  if (parse) return Number(parse[1]);
  const lineNumber = (err as { lineNumber?: unknown }).lineNumber;
  if (typeof lineNumber === 'number') return lineNumber;
  const helper = /Missing helper: "([^"]+)"/.exec(message);
  if (!helper) return null;
  const at = source.split('\n').findIndex((l) => new RegExp(`[{(][#~\\s]*${helper[1]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[\\s})]`).test(l));
  return at >= 0 ? at + 1 : null;
}

/** A parse error's first and last lines ("Parse error on line 3", "Expecting ..., got 'EOF'") say it all. */
function briefly(message: string): string {
  const lines = message.split('\n');
  return lines.length > 2 ? `${lines[0]} ${lines[lines.length - 1]}` : lines.join(' ');
}

function compileOne(hbs: typeof Handlebars, folder: string, name: TemplateName): CompiledTemplate {
  const read = (part: string, required: boolean): CompiledPart | null => {
    const file = path.join(folder, `${name}.${part}.hbs`);
    if (!existsSync(file)) {
      if (required) throw new TemplateError(`missing template ${file}`);
      return null;
    }
    const source = readFileSync(file, 'utf8');
    try {
      const noEscape = part !== 'html';
      const template = hbs.compile(source, { strict: false, noEscape });
      // Compile eagerly: Handlebars otherwise defers syntax errors to the first render.
      hbs.precompile(source);
      return { file, source, render: template };
    } catch (err) {
      throw new TemplateError(briefly((err as Error).message), file, errorLine(err, source));
    }
  };
  return {
    subject: read('subject', true) as CompiledPart,
    text: read('text', true) as CompiledPart,
    html: read('html', false),
  };
}

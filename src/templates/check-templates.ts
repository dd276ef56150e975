// Renders every template in every locale with sample data the way the daemon renders it (the case
// view plus the letter's own fields), collecting each failure as file:line, so `check-config` and the
// hot reload reject a template that compiles but breaks when a letter is made.
import type { Desk } from '../cases/desk';
import { caseView, localeOf } from '../cases/case-view';
import { TEMPLATE_NAMES, TemplateError, type RenderedLetter, type TemplateName } from './catalogue';
import { isSystemTemplate, sampleCase, sampleLetterData } from './sample-data';

/** The data a letter is rendered with: a case's view and the letter's fields, or the org's name alone. */
export function letterData(desk: Desk, name: TemplateName, locale: string, now: Date, kase = sampleCase(now, desk.numberPrefix)): Record<string, unknown> {
  const loc = localeOf(locale, desk.defaultLocale);
  const own = sampleLetterData(name, loc, now);
  if (isSystemTemplate(name)) return { ...own, org: { name: desk.from.name || desk.orgName } };
  return { ...caseView(desk, kase, loc, now), ...own };
}

export function renderSample(desk: Desk, name: TemplateName, locale: string, now: Date): RenderedLetter {
  return desk.catalogue.render(name, locale, letterData(desk, name, locale, now));
}

/** Every failure, as "file:line: message"; empty when every letter renders in every locale. */
export function templateProblems(desk: Desk, now: Date): string[] {
  const problems: string[] = [];
  for (const locale of desk.catalogue.locales) {
    for (const name of TEMPLATE_NAMES) {
      try {
        renderSample(desk, name, locale, now);
      } catch (err) {
        problems.push(err instanceof TemplateError ? err.message : `${locale}/${name}: ${(err as Error).message}`);
      }
    }
  }
  return problems;
}

// Template helpers: dates in the organisation's time zone and Russian/English plurals.
import type Handlebars from 'handlebars';

export function registerHelpers(hbs: typeof Handlebars, timeZone: string): void {
  hbs.registerHelper('date', (value: unknown, locale: unknown) => formatDate(value, typeof locale === 'string' ? locale : 'ru', timeZone));
  hbs.registerHelper('plural', (n: unknown, one: unknown, few: unknown, many: unknown) =>
    pluralForm(Number(n), String(one), String(few), typeof many === 'string' ? many : String(few)),
  );
  hbs.registerHelper('or', (...args: unknown[]) => args.slice(0, -1).find((a) => a !== undefined && a !== null && a !== '') ?? '');
}

// Building an Intl formatter costs more than formatting with it: one per locale and zone.
const formatters = new Map<string, Intl.DateTimeFormat>();

export function formatDate(value: unknown, locale: string, timeZone: string): string {
  const d = value instanceof Date ? value : new Date(String(value));
  if (Number.isNaN(d.getTime())) return '';
  const key = `${locale}|${timeZone}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale === 'ru' ? 'ru-RU' : 'en-GB', { timeZone, day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' });
    formatters.set(key, formatter);
  }
  return formatter.format(d);
}

/** Russian needs three forms (1 день, 2 дня, 5 дней); English uses the first two. */
// Plural rules too: building one took more of a registration's time than anything else it renders.
const pluralRules = { ru: new Intl.PluralRules('ru'), en: new Intl.PluralRules('en') };

export function pluralForm(n: number, one: string, few: string, many: string): string {
  const rule = pluralRules[/[а-яё]/i.test(one + few + many) ? 'ru' : 'en'].select(n);
  if (rule === 'one') return one;
  if (rule === 'few') return few;
  return /[а-яё]/i.test(one + few + many) ? many : few;
}

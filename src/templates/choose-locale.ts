// Which language to answer in: the client's when configured so and we have templates for it,
// otherwise the organisation's default.

export function chooseLocale(opts: { localeFrom: 'complaint' | 'config'; defaultLocale: string; available: string[] }, language: string | null): string {
  if (opts.localeFrom === 'complaint' && language && opts.available.includes(language)) return language;
  return opts.defaultLocale;
}

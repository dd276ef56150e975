// Text the daemon writes for staff in every letter locale at once, so the letter that carries it
// (a confirmation, an error list, a report) can be in its reader's language.

export const LOCALES = ['ru', 'en'] as const;

export type Locale = (typeof LOCALES)[number];

export type LocalizedText = { readonly [L in Locale]: string };

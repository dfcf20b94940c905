/** The two languages of the site; every page, island and string table is keyed by these. */
export type Lang = 'en' | 'fr';

export const LANGS: readonly Lang[] = ['en', 'fr'];

/** Anything that is not French falls back to English, the default locale. */
export function toLang(value: string | undefined): Lang {
  return value?.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

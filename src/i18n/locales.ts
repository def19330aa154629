/**
 * The extension's languages and how one is picked, without any message catalogue: the service worker and the
 * extension pages import this, and load the one catalogue they show (src/i18n/load.ts) only when they need it.
 */
export type Locale = 'en' | 'lt' | 'lv' | 'et' | 'xx';
/** Languages offered to users; 'xx' is the pseudo-locale of the catalogue test (every message marked ⟦…⟧). */
export const LOCALES: Exclude<Locale, 'xx'>[] = ['en', 'lt', 'lv', 'et'];
export const LANGUAGE_NAMES: Record<string, string> = { en: 'English', lt: 'Lietuvių', lv: 'Latviešu', et: 'Eesti' };
export const UI_LANGUAGE_KEY = 'uiLanguage';

export function isLocale(value: unknown): value is Locale {
  return value === 'en' || value === 'lt' || value === 'lv' || value === 'et' || value === 'xx';
}

/** The locale for a browser language tag ("lt-LT" → lt), English otherwise. */
export function localeFor(tag: string | undefined): Locale {
  const primary = (tag ?? '').toLowerCase().split(/[-_]/)[0];
  return isLocale(primary) && primary !== 'xx' ? primary : 'en';
}

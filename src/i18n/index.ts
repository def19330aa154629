/**
 * Runtime translation. Catalogues are the extension's _locales files (bundled, so the user can pick the language
 * of the extension independently of the browser's, and so the CLI and tests can use them without chrome.i18n).
 * Placeholders: {name} in catalogue messages, ${name} in code templates, $1…$9 for positional substitutions.
 */
import en from '../../public/_locales/en/messages.json' with { type: 'json' };
import lt from '../../public/_locales/lt/messages.json' with { type: 'json' };
import lv from '../../public/_locales/lv/messages.json' with { type: 'json' };
import et from '../../public/_locales/et/messages.json' with { type: 'json' };
import { substitute } from '../audit';

export type Locale = 'en' | 'lt' | 'lv' | 'et' | 'xx';
/** Languages offered to users; 'xx' is the pseudo-locale of the catalogue test (every message marked ⟦…⟧). */
export const LOCALES: Exclude<Locale, 'xx'>[] = ['en', 'lt', 'lv', 'et'];
export const LANGUAGE_NAMES: Record<string, string> = { en: 'English', lt: 'Lietuvių', lv: 'Latviešu', et: 'Eesti' };
export const UI_LANGUAGE_KEY = 'uiLanguage';

type Catalogue = Record<string, { message: string }>;
const catalogues: Record<string, Catalogue> = { en, lt, lv, et };

export function isLocale(value: unknown): value is Locale {
  return value === 'en' || value === 'lt' || value === 'lv' || value === 'et' || value === 'xx';
}

/** The locale for a browser language tag ("lt-LT" → lt), English otherwise. */
export function localeFor(tag: string | undefined): Locale {
  const primary = (tag ?? '').toLowerCase().split(/[-_]/)[0];
  return isLocale(primary) && primary !== 'xx' ? primary : 'en';
}

export function catalogueKeys(): string[] {
  return Object.keys(en);
}

/** The raw catalogue message for a key, or undefined. */
export function rawMessage(locale: Locale, key: string): string | undefined {
  if (locale === 'xx') {
    const m = (en as Catalogue)[key]?.message;
    return m === undefined ? undefined : `⟦${m}⟧`;
  }
  return catalogues[locale]?.[key]?.message ?? (en as Catalogue)[key]?.message;
}

/** A message with its placeholders filled: {name} from `data`, $1…$9 from `substitutions`. */
export function t(locale: Locale, key: string, data: Record<string, unknown> = {}, substitutions: string[] = []): string {
  const message = rawMessage(locale, key);
  if (message === undefined) return key;
  return substitute(
    message.replace(/\{(\w+)\}/g, (whole, name: string) => (name in data ? String(data[name] ?? '') : whole)),
    substitutions,
  );
}

/** A code template (${name} placeholders) in another language, for `format`: the catalogue text with ${name} again. */
export function templateIn(locale: Locale, key: string): string | undefined {
  const message = rawMessage(locale, key);
  return message?.replace(/\{(\w+)\}/g, '${$1}');
}

/** A copy of an object of English labels with every leaf replaced by its translation (keys prefix_name). */
export function localize<T extends Record<string, unknown>>(source: T, prefix: string, locale: Locale): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(source)) {
    const key = `${prefix}_${k}`.replace(/[^A-Za-z0-9_]/g, '_');
    if (typeof v === 'string') out[k] = templateIn(locale, key) ?? v;
    else if (v && typeof v === 'object') out[k] = localize(v as Record<string, unknown>, key, locale);
    else out[k] = v;
  }
  return out as T;
}

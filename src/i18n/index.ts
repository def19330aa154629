/**
 * Runtime translation with every catalogue bundled, for code that translates synchronously into any language (the
 * on-page panel, the CLI, tests). Catalogues are the extension's _locales files (bundled, so the user can pick the
 * language of the extension independently of the browser's, and so the CLI and tests can use them without
 * chrome.i18n). Extension pages load only the language they show instead (src/i18n/load.ts).
 */
import en from '../../public/_locales/en/messages.json' with { type: 'json' };
import lt from '../../public/_locales/lt/messages.json' with { type: 'json' };
import lv from '../../public/_locales/lv/messages.json' with { type: 'json' };
import et from '../../public/_locales/et/messages.json' with { type: 'json' };
import type { Locale } from './locales';
import { messagesOf, type Catalogue, type Messages } from './messages';

export { LANGUAGE_NAMES, LOCALES, UI_LANGUAGE_KEY, isLocale, localeFor, type Locale } from './locales';
export type { Catalogue, Messages } from './messages';

const catalogues: Record<string, Catalogue> = { en, lt, lv, et };
const byLocale = new Map<Locale, Messages>();

/** The messages of a locale, English filling any gap. */
export function messagesFor(locale: Locale): Messages {
  let messages = byLocale.get(locale);
  if (!messages) byLocale.set(locale, (messages = messagesOf(locale, catalogues[locale], en)));
  return messages;
}

export function catalogueKeys(): string[] {
  return Object.keys(en);
}

/** The raw catalogue message for a key, or undefined. */
export function rawMessage(locale: Locale, key: string): string | undefined {
  return messagesFor(locale).raw(key);
}

/** A message with its placeholders filled: {name} from `data`, $1…$9 from `substitutions`. */
export function t(locale: Locale, key: string, data: Record<string, unknown> = {}, substitutions: string[] = []): string {
  return messagesFor(locale).t(key, data, substitutions);
}

/** A code template (${name} placeholders) in another language, for `format`: the catalogue text with ${name} again. */
export function templateIn(locale: Locale, key: string): string | undefined {
  return messagesFor(locale).templateIn(key);
}

/** A copy of an object of English labels with every leaf replaced by its translation (keys prefix_name). */
export function localize<T extends Record<string, unknown>>(source: T, prefix: string, locale: Locale): T {
  return messagesFor(locale).localize(source, prefix);
}

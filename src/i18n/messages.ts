/**
 * Translation over the catalogues at hand: one language's _locales messages with English as the fallback, or the
 * pseudo-locale (English, every message marked ⟦…⟧). Placeholders: {name} in catalogue messages, ${name} in code
 * templates, $1…$9 for positional substitutions.
 */
import { substitute } from '../audit';
import type { Locale } from './locales';

/** A _locales/<lang>/messages.json file. */
export type Catalogue = Record<string, { message: string }>;

export interface Messages {
  locale: Locale;
  /** The raw catalogue message for a key, or undefined. */
  raw(key: string): string | undefined;
  /** A message with its placeholders filled: {name} from `data`, $1…$9 from `substitutions`; the key if none. */
  t(key: string, data?: Record<string, unknown>, substitutions?: string[]): string;
  /** A code template (${name} placeholders) in this language, for `format`: the catalogue text with ${name} again. */
  templateIn(key: string): string | undefined;
  /** A copy of an object of English labels with every leaf replaced by its translation (keys prefix_name). */
  localize<T extends Record<string, unknown>>(source: T, prefix: string): T;
}

/** `own` is the locale's catalogue (unused for 'en' and 'xx'), `english` the fallback and the pseudo-locale's source. */
export function messagesOf(locale: Locale, own: Catalogue | undefined, english: Catalogue): Messages {
  const raw = (key: string): string | undefined => {
    if (locale === 'xx') {
      const m = english[key]?.message;
      return m === undefined ? undefined : `⟦${m}⟧`;
    }
    return own?.[key]?.message ?? english[key]?.message;
  };
  const templateIn = (key: string) => raw(key)?.replace(/\{(\w+)\}/g, '${$1}');
  const localize = <T extends Record<string, unknown>>(source: T, prefix: string): T => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(source)) {
      const key = `${prefix}_${k}`.replace(/[^A-Za-z0-9_]/g, '_');
      if (typeof v === 'string') out[k] = templateIn(key) ?? v;
      else if (v && typeof v === 'object') out[k] = localize(v as Record<string, unknown>, key);
      else out[k] = v;
    }
    return out as T;
  };
  return {
    locale,
    raw,
    t(key, data = {}, substitutions = []) {
      const message = raw(key);
      if (message === undefined) return key;
      return substitute(
        message.replace(/\{(\w+)\}/g, (whole, name: string) => (name in data ? String(data[name] ?? '') : whole)),
        substitutions,
      );
    },
    templateIn,
    localize,
  };
}

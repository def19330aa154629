/**
 * The catalogue of one language, loaded when an extension page needs it: the page fetches the extension's own
 * _locales/<lang>/messages.json (the file chrome.i18n reads; the build copies it to the extension's root) and parses
 * it as JSON, instead of carrying every language's messages in its scripts.
 */
import type { Locale } from './locales';
import { messagesOf, type Catalogue, type Messages } from './messages';

async function fetchCatalogue(lang: Exclude<Locale, 'xx'>): Promise<Catalogue> {
  const response = await fetch(`/_locales/${lang}/messages.json`);
  if (!response.ok) throw new Error(`_locales/${lang}/messages.json: ${response.status}`);
  return (await response.json()) as Catalogue;
}

/**
 * The messages of `locale` (English for the pseudo-locale), English filling any gap. English starts loading at once,
 * while the locale may still be read from storage; the locale's own file loads beside it.
 */
export async function loadMessages(locale: Locale | Promise<Locale>): Promise<Messages> {
  const english = fetchCatalogue('en');
  const chosen = await locale;
  const own = chosen === 'en' || chosen === 'xx' ? undefined : fetchCatalogue(chosen);
  const [ownCatalogue, englishCatalogue] = await Promise.all([own, english]);
  return messagesOf(chosen, ownCatalogue, englishCatalogue);
}

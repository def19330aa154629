/** The extension's language in an extension page: the user's choice (settings / popup), else the browser's. */
import browser from 'webextension-polyfill';
import { UI_LANGUAGE_KEY, isLocale, localeFor, type Locale } from './locales';

export async function storedLanguage(): Promise<Locale | undefined> {
  const stored = (await browser.storage.local.get(UI_LANGUAGE_KEY))[UI_LANGUAGE_KEY];
  return isLocale(stored) ? stored : undefined;
}

export async function currentLocale(): Promise<Locale> {
  return (await storedLanguage()) ?? localeFor(browser.i18n.getUILanguage());
}

/** Marks the page's own language for assistive technology (the pseudo-locale reads as English). */
export function setDocumentLanguage(locale: Locale): void {
  document.documentElement.lang = locale === 'xx' ? 'en' : locale;
}

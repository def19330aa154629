import { render } from 'preact';
import browser from 'webextension-polyfill';
import { App } from './App';
import { strings } from './strings';
import { UI_LANGUAGE_KEY, isLocale, localeFor, localize } from '../i18n';

// Every label comes from the message catalogue, in the extension's language (the user's choice, else the browser's).
(async () => {
  const stored = (await browser.storage.local.get(UI_LANGUAGE_KEY))[UI_LANGUAGE_KEY];
  const locale = isLocale(stored) ? stored : localeFor(browser.i18n.getUILanguage());
  Object.assign(strings, localize(strings, 'popup', locale));
  document.documentElement.lang = locale === 'xx' ? 'en' : locale;
  render(<App locale={locale} />, document.getElementById('app')!);
})();

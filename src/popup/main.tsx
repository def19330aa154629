import { render } from 'preact';
import { App } from './App';
import { strings } from './strings';
import { localize } from '../i18n';
import { currentLocale, setDocumentLanguage } from '../i18n/browser';

// Every label comes from the message catalogue, in the extension's language (the user's choice, else the browser's).
(async () => {
  const locale = await currentLocale();
  Object.assign(strings, localize(strings, 'popup', locale));
  setDocumentLanguage(locale);
  render(<App locale={locale} />, document.getElementById('app')!);
})();

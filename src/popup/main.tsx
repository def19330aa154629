import { render } from 'preact';
import { App, openPopup } from './App';
import { strings } from './strings';
import { loadMessages } from '../i18n/load';
import { currentLocale, setDocumentLanguage } from '../i18n/browser';

// The tab's report is asked for at once, while the catalogue of the extension's language (the user's choice, else
// the browser's) loads: the first render waits for the catalogue only, so no label ever shows untranslated.
const opening = openPopup();
(async () => {
  const messages = await loadMessages(currentLocale());
  Object.assign(strings, messages.localize(strings, 'popup'));
  setDocumentLanguage(messages.locale);
  render(<App messages={messages} opening={opening} />, document.getElementById('app')!);
})();

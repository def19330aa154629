/** Writes public/_locales/en/messages.json from the English strings in the code (see src/i18n/catalogue.ts). */
import { writeFileSync, mkdirSync } from 'node:fs';
import { englishCatalogue } from '../src/i18n/catalogue';

const catalogue = Object.fromEntries(
  Object.entries(englishCatalogue())
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, message]) => [k, { message }]),
);
// The extension's own name and description, for the manifest.
catalogue.appName = { message: 'WYSIWYS Auditor' };
// The Chrome Web Store allows 132 characters (a test checks every language).
catalogue.appDescription = {
  message:
    'Audits e-signing pages live for What You See Is What You Sign: control code, cancel, preview, Smart-ID/Mobile-ID brand and flow.',
};
mkdirSync('public/_locales/en', { recursive: true });
writeFileSync('public/_locales/en/messages.json', JSON.stringify(catalogue, null, 2) + '\n');
console.log(`${Object.keys(catalogue).length} messages written to public/_locales/en/messages.json`);

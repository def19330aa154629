import { templateIn, type Locale } from '../i18n';

/** Labels of the panel (catalogue keys panel_<name>; the English text is the source of the catalogue). */
export const panelStrings = {
  panel_title: 'WYSIWYS Auditor',
  panel_collapse: 'Collapse',
  panel_expand: 'Expand',
  panel_code: 'Control code',
  panel_no_code: 'No control code on screen',
  panel_waiting: 'Waiting for the audit…',
  status_pass: 'PASS',
  status_fail: 'FAIL',
  status_review: 'REVIEW',
  'status_not-applicable': 'N/A',
  status_error: 'ERROR',
  panel_kept: '(last seen)',
} as Record<string, string>;

const english = { ...panelStrings };

/** Switches the panel's labels to a language from the message catalogue. */
export function localizePanel(locale: Locale): void {
  for (const [k, v] of Object.entries(english)) {
    const key = (k.startsWith('panel_') ? k : `panel_${k}`).replace(/[^A-Za-z0-9_]/g, '_');
    panelStrings[k] = templateIn(locale, key) ?? v;
  }
}

import { templateIn, type Locale } from '../i18n';

/**
 * The panel's own labels (catalogue keys panel_<name>; the English text is the source of the catalogue). Statuses
 * and check titles come from the shared report view.
 */
export const panelStrings = {
  panel_title: 'WYSIWYS Auditor',
  panel_collapse: 'Collapse',
  panel_expand: 'Expand',
  panel_code: 'Control code',
  panel_no_code: 'No control code on screen',
  panel_waiting: 'Waiting for the audit…',
  panel_kept: '(last seen)',
  panel_mark: 'Session mark',
  panel_contrast: 'High contrast',
  panel_move: 'Move to another corner',
  panel_mark_hint: "The extension's popup shows the same mark. A panel without it, or with another one, was not drawn by the extension.",
} as Record<string, string>;

const english = { ...panelStrings };

/** The panel's language; statuses and the code's verdict are worded by the shared report view in it. */
export let panelLocale: Locale = 'en';

/** Switches the panel's labels to a language from the message catalogue. */
export function localizePanel(locale: Locale): void {
  panelLocale = locale;
  for (const [k, v] of Object.entries(english)) {
    const key = (k.startsWith('panel_') ? k : `panel_${k}`).replace(/[^A-Za-z0-9_]/g, '_');
    panelStrings[k] = templateIn(locale, key) ?? v;
  }
}

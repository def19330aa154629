/**
 * The panel's display setting, kept in the extension's local storage: the settings page and the panel's own
 * button write it, the panel module reads it and follows its changes.
 */
export const PANEL_HIGH_CONTRAST_KEY = 'panelHighContrast';

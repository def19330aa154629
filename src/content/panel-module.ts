/**
 * The on-page panel as its own module, loaded by panel-loader.ts the first time the panel is shown: the panel's
 * drawing, the shared report view and the message catalogue stay out of the script every frame of a granted site
 * runs. vite.config.ts builds this file to PANEL_MODULE_FILE.
 */
export { isPanelHost, onPanelTamper, panelProbe, panelTamperState, removePanel, showPanel, updatePanel } from './panel';
export { localizePanel } from './panel-strings';
export { isLocale } from '../i18n';

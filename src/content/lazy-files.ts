/**
 * The modules the content script imports on first use (lazy-module.ts): each one's source and the file the build
 * writes it to (vite.config.ts, which reads this file, so it imports nothing).
 */
export const PANEL_MODULE_ENTRY = 'src/content/panel-module.ts';
export const PANEL_MODULE_FILE = 'src/content/panel.js';
export const OVERLAY_MODULE_ENTRY = 'src/content/overlay.ts';
export const OVERLAY_MODULE_FILE = 'src/content/overlay.js';

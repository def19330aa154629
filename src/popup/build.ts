/** Where the build puts the popup's one self-contained module (vite.config.ts: singleModulePopup), and its entry. */
export const POPUP_MODULE_FILE = 'src/popup/popup.js';
export const POPUP_MODULE_ENTRY = 'src/popup/main.tsx';

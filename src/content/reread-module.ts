/**
 * The re-reads of part of a document, as the module the content script loads (reread-loader.ts). vite.config.ts
 * builds this file to REREAD_MODULE_FILE.
 */
export { rereader } from '../audit';

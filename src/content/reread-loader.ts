/**
 * The content script's side of the re-reads (src/audit/gather/regather.ts after text or in-place attributes changed,
 * reshape.ts after elements were added or removed): a module of its own, so the script every frame runs stays small.
 * It is loaded once the frame's first whole gather is done, and gets the walk's readers from the content script, which
 * holds them already. Until it has loaded — and in a frame whose document cannot import extension files
 * (about:blank, a data: URL) — every change is a whole gather. Its file is web-accessible by the per-session dynamic
 * URL only (vite.config.ts), like the panel's.
 */
import type { Rereader, walkReaders } from '../audit';

/** The module's source and the file the build writes it to (vite.config.ts). */
export const REREAD_MODULE_ENTRY = 'src/content/reread-module.ts';
export const REREAD_MODULE_FILE = 'src/content/reread.js';

let loaded: Rereader | undefined;
let asked = false;

/** The re-reads once loaded; the first call starts loading them (undefined until then, and where they cannot load). */
export function loadedRereader(readers: typeof walkReaders): Rereader | undefined {
  if (!asked) {
    asked = true;
    import(/* @vite-ignore */ chrome.runtime.getURL(REREAD_MODULE_FILE)).then(
      (module: typeof import('./reread-module')) => {
        loaded = module.rereader(readers);
      },
      () => undefined,
    );
  }
  return loaded;
}

/** The re-reads if they have loaded, without asking for them. */
export const rereaderIfLoaded = (): Rereader | undefined => loaded;

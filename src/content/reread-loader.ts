/**
 * The content script's side of the re-reads (src/audit/gather/regather.ts after text or in-place attributes changed,
 * reshape.ts after elements were added or removed): a module of its own, so the script every frame runs stays small.
 * It is loaded when the content script starts, while the first audit waits for a frame (and for it, a moment at most:
 * a whole gather begun once it has loaded is readied for rigid moves in its last slice, so the first change already
 * has them), and gets the walk's readers from the content script, which holds them already. Until it has loaded —
 * and in a frame whose document cannot import extension files (about:blank, a data: URL) — every change is a whole
 * gather. Its file is web-accessible by the per-session dynamic URL only (vite.config.ts), like the panel's.
 */
import type { Rereader, walkReaders } from '../audit';

/** The module's source and the file the build writes it to (vite.config.ts). */
export const REREAD_MODULE_ENTRY = 'src/content/reread-module.ts';
export const REREAD_MODULE_FILE = 'src/content/reread.js';

let loaded: Rereader | undefined;

/** The longest the first audit waits for the module (an import that never settles: whole gathers, as before it loads). */
const LOAD_WAIT_MS = 500;

/** Starts loading the re-reads (once per frame: the content script's start calls it); settles when they loaded or cannot. */
export function loadRereader(readers: typeof walkReaders): Promise<void> {
  const loading = import(/* @vite-ignore */ chrome.runtime.getURL(REREAD_MODULE_FILE))
    .then((module: typeof import('./reread-module')) => {
      loaded = module.rereader(readers);
    })
    .catch(() => undefined);
  return Promise.race([loading, new Promise<void>((done) => setTimeout(done, LOAD_WAIT_MS))]);
}

/** The re-reads once loaded (undefined until then, and where they cannot load). */
export const rereaderIfLoaded = (): Rereader | undefined => loaded;

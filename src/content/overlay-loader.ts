/**
 * The content script's side of the highlight outlines ("Show on page"): the outlines and the guard that keeps them
 * honest are a module of their own (overlay.ts), imported the first time something is outlined (see LazyModule).
 */
import { LazyModule } from './lazy-module';
import type { SurfaceProbe, TamperState, TamperSurface } from '../shared/messages';

/** The outline module's source and the file the build writes it to (vite.config.ts). */
export const OVERLAY_MODULE_ENTRY = 'src/content/overlay.ts';
export const OVERLAY_MODULE_FILE = 'src/content/overlay.js';

type OverlayModule = typeof import('./overlay');
type Target = { el: Element; label: string };

let tamperListener: (surface: TamperSurface, state: TamperState | null) => void = () => undefined;
const lazyOverlay = new LazyModule<OverlayModule>(OVERLAY_MODULE_FILE, (loaded) =>
  loaded.onOverlayTamper((surface, state) => tamperListener(surface, state)),
);
/** The outlines asked for while the module loads (null: cleared meanwhile): only the latest are drawn. */
let wanted: Target[] | null = null;

/** Outlines each element with its label; replaces what was outlined before. */
export function highlightAll(targets: Target[]): void {
  const overlay = lazyOverlay.loaded;
  if (overlay) {
    overlay.highlightAll(targets);
    return;
  }
  // Nothing outlined yet: nothing to clear, and no reason to load the module.
  wanted = targets.length ? targets : null;
  if (!wanted) return;
  void lazyOverlay.load().then((loaded) => {
    if (loaded && wanted === targets) loaded.highlightAll(targets);
    if (wanted === targets) wanted = null;
  });
}

export function highlight(el: Element, label: string): void {
  highlightAll([{ el, label }]);
}

export function clearHighlight(): void {
  wanted = null;
  lazyOverlay.loaded?.clearHighlight();
}

export function isOverlayHost(el: Element): boolean {
  return lazyOverlay.loaded?.isOverlayHost(el) ?? false;
}

/** Where the outlines report that the page removed, restyled, hid or covered them. */
export function onOverlayTamper(listener: (surface: TamperSurface, state: TamperState | null) => void): void {
  tamperListener = listener;
}

export function overlayProbe(): SurfaceProbe['overlay'] {
  return lazyOverlay.loaded?.overlayProbe() ?? null;
}

export function overlayTamperState(): TamperState | null {
  return lazyOverlay.loaded?.overlayTamperState() ?? null;
}

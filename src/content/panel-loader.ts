/**
 * The content script's side of the on-page panel. The panel (its drawing, the report view, the four message
 * catalogues) is a module of its own, imported the first time the panel is shown (the popup's "panel on", the
 * stored setting, the keyboard command), only in the top frame (see LazyModule).
 */
import type { TabReport } from '../audit';
import { LazyModule } from './lazy-module';
import type { SurfaceProbe, TamperState, TamperSurface } from '../shared/messages';

/** The panel module's source and the file the build writes it to (vite.config.ts). */
export const PANEL_MODULE_ENTRY = 'src/content/panel-module.ts';
export const PANEL_MODULE_FILE = 'src/content/panel.js';

type PanelModule = typeof import('./panel-module');
type TamperListener = (surface: TamperSurface, state: TamperState | null) => void;

let tamperListener: TamperListener = () => undefined;
const lazyPanel = new LazyModule<PanelModule>(PANEL_MODULE_FILE, (loaded) =>
  loaded.onPanelTamper((surface, state) => tamperListener(surface, state)),
);
/** Shown while the module loads: what to draw once it is there (null: hidden again before it arrived). */
let wanted: { mark?: string; locale?: string } | null = null;
/** The latest report, kept as the panel itself keeps it, for a show that arrives without one. */
let lastReport: TabReport | null = null;

function draw(module: PanelModule, report: TabReport | null, mark?: string, locale?: string): void {
  if (locale && module.isLocale(locale)) module.localizePanel(locale);
  module.showPanel(report, mark);
}

export function showPanel(report: TabReport | null, mark?: string, locale?: string): void {
  if (report) lastReport = report;
  const panel = lazyPanel.loaded;
  if (panel) {
    draw(panel, report, mark, locale);
    return;
  }
  wanted = { mark: mark ?? wanted?.mark, locale: locale ?? wanted?.locale };
  void lazyPanel.load().then((loaded) => {
    const show = wanted;
    wanted = null;
    if (loaded && show) draw(loaded, lastReport, show.mark, show.locale);
  });
}

export function updatePanel(report: TabReport): void {
  lastReport = report;
  lazyPanel.loaded?.updatePanel(report);
}

export function removePanel(): void {
  wanted = null;
  lazyPanel.loaded?.removePanel();
}

export function isPanelHost(el: Element): boolean {
  return lazyPanel.loaded?.isPanelHost(el) ?? false;
}

export function onPanelTamper(listener: TamperListener): void {
  tamperListener = listener;
}

export function panelProbe(): SurfaceProbe['panel'] {
  return lazyPanel.loaded?.panelProbe() ?? null;
}

export function panelTamperState(): TamperState | null {
  return lazyPanel.loaded?.panelTamperState() ?? null;
}

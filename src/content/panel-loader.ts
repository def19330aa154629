/**
 * The content script's side of the on-page panel. The panel (its drawing, the report view, the four message
 * catalogues) is a module of its own, imported the first time the panel is shown (the popup's "panel on", the
 * stored setting, the keyboard command), only in the top frame; until then it costs the frame nothing.
 * Its file is web-accessible by the per-session dynamic URL only (vite.config.ts), so no page can probe for it.
 */
import type { TabReport } from '../audit';
import type { SurfaceProbe, TamperState, TamperSurface } from '../shared/messages';

/** The panel module's source and the file the build writes it to (vite.config.ts). */
export const PANEL_MODULE_ENTRY = 'src/content/panel-module.ts';
export const PANEL_MODULE_FILE = 'src/content/panel.js';

type PanelModule = typeof import('./panel-module');
type TamperListener = (surface: TamperSurface, state: TamperState | null) => void;

let panel: PanelModule | null = null;
let loading: Promise<PanelModule | null> | null = null;
/** Shown while the module loads: what to draw once it is there (null: hidden again before it arrived). */
let wanted: { mark?: string; locale?: string } | null = null;
/** The latest report, kept as the panel itself keeps it, for a show that arrives without one. */
let lastReport: TabReport | null = null;
let tamperListener: TamperListener = () => undefined;

function load(): Promise<PanelModule | null> {
  loading ??= import(/* @vite-ignore */ chrome.runtime.getURL(PANEL_MODULE_FILE)).then(
    (module: PanelModule) => {
      module.onPanelTamper((surface, state) => tamperListener(surface, state));
      panel = module;
      return module;
    },
    // Not loaded (the extension was reloaded or removed under the page): the next show tries again.
    () => {
      loading = null;
      return null;
    },
  );
  return loading;
}

function draw(module: PanelModule, report: TabReport | null, mark?: string, locale?: string): void {
  if (locale && module.isLocale(locale)) module.localizePanel(locale);
  module.showPanel(report, mark);
}

export function showPanel(report: TabReport | null, mark?: string, locale?: string): void {
  if (report) lastReport = report;
  if (panel) {
    draw(panel, report, mark, locale);
    return;
  }
  wanted = { mark: mark ?? wanted?.mark, locale: locale ?? wanted?.locale };
  void load().then((module) => {
    const show = wanted;
    wanted = null;
    if (module && show) draw(module, lastReport, show.mark, show.locale);
  });
}

export function updatePanel(report: TabReport): void {
  lastReport = report;
  panel?.updatePanel(report);
}

export function removePanel(): void {
  wanted = null;
  panel?.removePanel();
}

export function isPanelHost(el: Element): boolean {
  return panel?.isPanelHost(el) ?? false;
}

export function onPanelTamper(listener: TamperListener): void {
  tamperListener = listener;
}

export function panelProbe(): SurfaceProbe['panel'] {
  return panel?.panelProbe() ?? null;
}

export function panelTamperState(): TamperState | null {
  return panel?.panelTamperState() ?? null;
}

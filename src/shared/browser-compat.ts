/**
 * The one place that knows where Chromium and Firefox differ for this extension (one source, two builds; the
 * manifest differences live in vite.firefox.config.ts). Dependency-free: the every-frame content script imports it.
 */

declare global {
  interface Element {
    /** Firefox exposes closed shadow roots to extensions this way (Chromium: chrome.dom.openOrClosedShadowRoot). */
    openOrClosedShadowRoot?: ShadowRoot | null;
  }
}

type ChromeDom = { openOrClosedShadowRoot?: (el: HTMLElement) => ShadowRoot | null };

/**
 * An element's shadow root, open or closed: users see closed-root widgets, so the audit must read them.
 * Chromium: chrome.dom.openOrClosedShadowRoot(el); Firefox: el.openOrClosedShadowRoot (content scripts only).
 */
export function shadowRootOf(el: Element): ShadowRoot | null {
  if (!(el instanceof HTMLElement)) return null;
  const dom = (globalThis as { chrome?: { dom?: ChromeDom } }).chrome?.dom;
  if (dom?.openOrClosedShadowRoot) {
    try {
      return dom.openOrClosedShadowRoot(el);
    } catch {
      return null;
    }
  }
  try {
    return el.openOrClosedShadowRoot ?? null;
  } catch {
    return null;
  }
}

/**
 * What to tell the user when the browser refused a screenshot of the tab (tabs.captureVisibleTab), or undefined when
 * the refusal is not a permission limit. Chromium accepts the granted site's host permission; Firefox wants
 * activeTab (granted when the user opens the popup or presses the shortcut on that tab) or access to all sites.
 */
export function captureUnavailableReason(error: unknown): string | undefined {
  const message = error instanceof Error ? error.message : String(error);
  if (!/activeTab|<all_urls>|permission/i.test(message)) return undefined;
  return 'This browser lets the extension take a picture of the tab only right after you open its popup (or press its shortcut) on that tab: open the popup on the audited tab and try again.';
}

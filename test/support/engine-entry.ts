/** Browser-side entry for tests: gather every same-origin frame and audit, reaching closed shadow roots the test shim recorded. */
import { auditPage, gatherFrame, gatherFrameSliced, gatherFrames } from '../../src/audit';
import { resolveTarget } from '../../src/audit/resolve';
import { ImageSizes } from '../../src/audit/gather/image-sizes';

const imageSizes = new ImageSizes();

/**
 * The closed shadow root of `el` as the shim of its own document recorded it (a same-origin iframe has its own
 * window and record), the way chrome.dom.openOrClosedShadowRoot reaches closed roots in every frame.
 */
const closedRootOf = (el: Element): ShadowRoot | null =>
  (el.ownerDocument?.defaultView as Window | null)?.__closedShadowRoots?.get(el) ?? window.__closedShadowRoots?.get(el) ?? null;

declare global {
  interface Window {
    __closedShadowRoots?: WeakMap<Element, ShadowRoot>;
    __wysiwysAudit: typeof api;
  }
}

const api = {
  gather() {
    return gatherFrames(window, {
      descendFrames: true,
      shadowRootOf: closedRootOf,
      imageSize: imageSizes.get,
    });
  },
  /** The top document alone, in one go and in slices of `sliceMs` (0: a pause at every step), as the content script gathers. */
  gatherTop() {
    return gatherFrame(window, { shadowRootOf: closedRootOf, imageSize: imageSizes.get });
  },
  gatherTopSliced(sliceMs: number) {
    return gatherFrameSliced(window, { shadowRootOf: closedRootOf, imageSize: imageSizes.get, sliceMs });
  },
  /** Gathers, waits for background-image sizes it asked for (as the content script's re-audit would), audits. */
  async audit() {
    api.gather();
    await imageSizes.settled();
    const frames = api.gather();
    return auditPage({ url: location.href, frames });
  },
  /** Resolves a finding's target through frames and shadow roots; returns the element's text, or null. */
  resolve(target: (string | string[])[]): string | null {
    let doc: Document = document;
    for (let k = 0; k < target.length; k++) {
      const el = resolveTarget(doc, target[k], (e) => closedRootOf(e) ?? e.shadowRoot);
      if (!el) return null;
      if (k === target.length - 1) return el.localName;
      const inner = (el as HTMLIFrameElement).contentDocument;
      if (!inner) return null;
      doc = inner;
    }
    return null;
  },
};
window.__wysiwysAudit = api;

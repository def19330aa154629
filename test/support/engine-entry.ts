/** Browser-side entry for tests: gather every same-origin frame and audit, reaching closed shadow roots the test shim recorded. */
import { auditPage, gatherFrames } from '../../src/audit';

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
      shadowRootOf: (el) => window.__closedShadowRoots?.get(el) ?? null,
    });
  },
  audit() {
    const frames = api.gather();
    return auditPage({ url: location.href, frames });
  },
};
window.__wysiwysAudit = api;

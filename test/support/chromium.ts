export { chromiumPath } from '../../src/cli/chromium';

/** Records closed shadow roots so the extension-less test harness can reach them, as chrome.dom.openOrClosedShadowRoot does. */
export const CLOSED_SHADOW_SHIM = `(() => {
  const roots = new WeakMap();
  window.__closedShadowRoots = roots;
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const root = attach.call(this, init);
    if (init && init.mode === 'closed') roots.set(this, root);
    return root;
  };
})();`;

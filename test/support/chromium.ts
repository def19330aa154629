import { chromium, type Browser } from 'playwright-core';
import { chromiumPath } from '../../src/cli/chromium';

export { chromiumPath };

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

/** The browser tests' headless Chromium (engine bundle, no extension): Debian's build (nothing can download one here), no sandbox, no GPU. */
export function launchHeadless(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: ['--no-sandbox', '--disable-gpu'] });
}

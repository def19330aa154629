/**
 * The Firefox build (`npm run build:firefox` → dist-firefox/): the same Vite build as the Chromium one
 * (vite.config.ts: same sources, plugins and lazy content modules), with its manifest rewritten for Firefox once
 * written. Firefox MV3 has no background service worker: the same background module runs as an event page
 * (`background.scripts`, `type: module`). Keys only Chrome reads are dropped so Firefox and `web-ext lint` do not
 * warn about them, and the Gecko settings AMO requires are added.
 */
import { mergeConfig, type UserConfig } from 'vite';
import chromiumConfig, { rewriteBuiltManifest } from './vite.config';

/** The add-on's id on AMO: it must never change once published (updates and stored data follow it). */
export const GECKO_ID = 'wysiwys-auditor@example.org';
/**
 * 140: the first Firefox (and ESR) that reads `data_collection_permissions`; it also has everything the extension
 * uses (storage.session 115, scripting world MAIN and matchOriginAsFallback 128, activeTab captureVisibleTab 126).
 */
export const GECKO_MIN_VERSION = '140.0';
export const GECKO_ANDROID_MIN_VERSION = '142.0';

/** Top-level manifest keys Chrome reads and Firefox does not (Firefox warns about each as unexpected). */
const CHROME_ONLY_KEYS = ['minimum_chrome_version', 'key', 'update_url', 'offline_enabled', 'side_panel', 'export', 'import', 'oauth2'];

type Manifest = Record<string, unknown> & {
  background?: { service_worker?: string; scripts?: string[]; type?: string };
  web_accessible_resources?: { resources: string[]; matches?: string[]; use_dynamic_url?: boolean }[];
};

/** The Chromium manifest as Firefox wants it (pure: unit-testable, and the one place that knows the differences). */
export function firefoxManifest(chromium: Manifest): Manifest {
  const out: Manifest = { ...chromium };
  for (const key of CHROME_ONLY_KEYS) delete out[key];
  const worker = chromium.background?.service_worker;
  if (worker) out.background = { scripts: [worker], ...(chromium.background?.type ? { type: chromium.background.type } : {}) };
  // Firefox gives every install its own random moz-extension:// origin already; it does not know use_dynamic_url.
  if (chromium.web_accessible_resources) {
    out.web_accessible_resources = chromium.web_accessible_resources.map(({ use_dynamic_url: _dynamic, ...war }) => war);
  }
  out.browser_specific_settings = {
    gecko: {
      id: GECKO_ID,
      strict_min_version: GECKO_MIN_VERSION,
      // Nothing leaves the browser: no data is collected or transmitted (AMO's built-in data consent).
      data_collection_permissions: { required: ['none'] },
    },
    // Firefox for Android reads data_collection_permissions from 142 on.
    gecko_android: { strict_min_version: GECKO_ANDROID_MIN_VERSION },
  };
  return out;
}

/** After every other writer of manifest.json (crxjs, then vite.config.ts's web-accessible rewrite): listed last. */
const firefoxManifestPlugin = () => rewriteBuiltManifest('wysiwys:firefox-manifest', firefoxManifest);

export default mergeConfig(chromiumConfig as UserConfig, {
  plugins: [firefoxManifestPlugin()],
  build: { outDir: 'dist-firefox', target: 'firefox140' },
});

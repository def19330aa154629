import { defineConfig, type Plugin } from 'vite';
import preact from '@preact/preset-vite';
import { crx } from '@crxjs/vite-plugin';
import manifest from './manifest.json' with { type: 'json' };
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * crxjs lists `?script` files as web_accessible_resources; scripting.executeScript and registerContentScripts do
 * not need that, and it would let any page probe for the extension. Drop the entry from the built manifest.
 */
function noWebAccessibleContentScript(): Plugin {
  let outDir = 'dist';
  return {
    name: 'wysiwys:no-web-accessible-content-script',
    apply: 'build',
    enforce: 'post',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    writeBundle: {
      sequential: true,
      order: 'post',
      handler() {
        const file = path.join(outDir, 'manifest.json');
        const built = JSON.parse(readFileSync(file, 'utf8'));
        built.web_accessible_resources = (built.web_accessible_resources ?? []).filter(
          (w: { resources: string[] }) => !w.resources.every((r) => r.startsWith('src/content/')),
        );
        if (!built.web_accessible_resources.length) delete built.web_accessible_resources;
        writeFileSync(file, JSON.stringify(built, null, 2));
      },
    },
  };
}

// The content script is not declared in the manifest (no host access at install); the background registers it
// dynamically for granted sites, so it is built as one self-contained IIFE and imported with `?script`.
export default defineConfig({
  plugins: [
    preact(),
    crx({ manifest, contentScripts: { standaloneFiles: ['src/content/content-script.ts', 'src/content/deep-inspection.ts'] } }),
    noWebAccessibleContentScript(),
  ],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'chrome120',
    sourcemap: false,
    // Extension pages the manifest does not name: the review page (opened from the popup).
    rollupOptions: { input: { review: 'src/review-page/index.html' } },
  },
  server: { port: 5173, strictPort: true },
});

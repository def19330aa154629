import { build, defineConfig, type Plugin, type ResolvedConfig } from 'vite';
import preact from '@preact/preset-vite';
import { crx } from '@crxjs/vite-plugin';
import manifest from './manifest.json' with { type: 'json' };
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PANEL_MODULE_ENTRY, PANEL_MODULE_FILE } from './src/content/panel-loader.js';

/**
 * crxjs lists `?script` files as web_accessible_resources; scripting.executeScript and registerContentScripts do
 * not need that, and it would let any page probe for the extension. Drop the entry from the built manifest.
 * The one file a content script imports (the on-page panel's module) is web-accessible by the dynamic URL only:
 * runtime.getURL gives this session's random origin, and the extension's fixed id cannot reach the file.
 */
/**
 * A plugin that rewrites the built manifest.json once every other writer (crxjs) is done. Plugins of this kind run
 * in the order they are listed.
 */
export function rewriteBuiltManifest(name: string, rewrite: (manifest: Record<string, unknown>) => Record<string, unknown>): Plugin {
  let outDir = 'dist';
  return {
    name,
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
        writeFileSync(file, JSON.stringify(rewrite(JSON.parse(readFileSync(file, 'utf8'))), null, 2));
      },
    },
  };
}

function noWebAccessibleContentScript(): Plugin {
  return rewriteBuiltManifest('wysiwys:no-web-accessible-content-script', (built) => {
    const listed = (built.web_accessible_resources ?? []) as { resources: string[] }[];
    const kept: unknown[] = listed.filter((w) => !w.resources.every((r) => r.startsWith('src/content/')));
    kept.push({ resources: [PANEL_MODULE_FILE], matches: ['<all_urls>'], use_dynamic_url: true });
    return { ...built, web_accessible_resources: kept };
  });
}

/**
 * The on-page panel's module (src/content/panel-loader.ts imports it on first show): one self-contained ES module,
 * so the content script every frame runs carries neither the panel nor the message catalogues. Built like crxjs
 * builds the standalone content scripts (a second Vite build, same target and minifier) and emitted as a file.
 */
function lazyPanelModule(): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'wysiwys:lazy-panel-module',
    apply: 'build',
    configResolved(resolved) {
      config = resolved;
    },
    async generateBundle() {
      const result = await build({
        configFile: false,
        root: config.root,
        mode: config.mode,
        logLevel: 'warn',
        define: config.define,
        build: {
          write: false,
          emptyOutDir: false,
          target: config.build.target,
          minify: config.build.minify,
          sourcemap: false,
          rollupOptions: {
            input: path.resolve(config.root, PANEL_MODULE_ENTRY),
            preserveEntrySignatures: 'strict',
            output: { format: 'es', entryFileNames: PANEL_MODULE_FILE, codeSplitting: false },
          },
        },
      });
      const outputs = (Array.isArray(result) ? result : [result]).flatMap((r) => ('output' in r ? r.output : []));
      const entry = outputs.find((o) => o.type === 'chunk' && o.isEntry);
      if (entry?.type !== 'chunk' || outputs.length !== 1) throw new Error(`${PANEL_MODULE_ENTRY}: expected one self-contained module`);
      this.emitFile({ type: 'asset', fileName: PANEL_MODULE_FILE, source: entry.code });
    },
  };
}

// The content script is not declared in the manifest (no host access at install); the background registers it
// dynamically for granted sites, so it is built as one self-contained IIFE and imported with `?script`.
export default defineConfig({
  plugins: [
    preact(),
    crx({ manifest, contentScripts: { standaloneFiles: ['src/content/content-script.ts', 'src/content/deep-inspection.ts'] } }),
    lazyPanelModule(),
    noWebAccessibleContentScript(),
  ],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'chrome120',
    sourcemap: false,
    // Extension pages the manifest does not name: the review page (opened from the popup).
    rollupOptions: {
      input: { review: 'src/review-page/index.html' },
      // The engine's modules only define things (no module runs for its side effects): what a page does not use is
      // dropped, so the popup does not carry the whole engine (issue 12: popup first render).
      treeshake: { moduleSideEffects: (id) => !id.includes('/src/audit/') },
    },
  },
  server: { port: 5173, strictPort: true },
});

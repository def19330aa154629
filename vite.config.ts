import { build, defineConfig, type Plugin, type PluginOption, type ResolvedConfig } from 'vite';
import preact from '@preact/preset-vite';
import { crx } from '@crxjs/vite-plugin';
import manifest from './manifest.json' with { type: 'json' };
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PANEL_MODULE_ENTRY, PANEL_MODULE_FILE } from './src/content/panel-loader.js';
import { REREAD_MODULE_ENTRY, REREAD_MODULE_FILE } from './src/content/reread-loader.js';
import { POPUP_MODULE_ENTRY, POPUP_MODULE_FILE } from './src/popup/build.js';

/**
 * crxjs lists `?script` files as web_accessible_resources; scripting.executeScript and registerContentScripts do
 * not need that, and it would let any page probe for the extension. Drop the entry from the built manifest.
 * The files a content script imports (the on-page panel's module, the re-reads') are web-accessible by the dynamic URL only:
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
    kept.push({ resources: [PANEL_MODULE_FILE, REREAD_MODULE_FILE], matches: ['<all_urls>'], use_dynamic_url: true });
    return { ...built, web_accessible_resources: kept };
  });
}

/**
 * The engine's modules only define things (no module runs for its side effects): what a page does not use is
 * dropped, so the popup does not carry the whole engine (issue 12: popup first render).
 */
const ENGINE_TREESHAKE = { moduleSideEffects: (id: string) => !id.includes('/src/audit/') };

/**
 * One entry built as one self-contained ES module, the way crxjs builds the standalone content scripts (a second
 * Vite build, same target, minifier and defines as the main build).
 */
async function buildSelfContained(config: ResolvedConfig, entry: string, plugins: PluginOption[] = []): Promise<string> {
  const result = await build({
    configFile: false,
    root: config.root,
    mode: config.mode,
    logLevel: 'warn',
    define: config.define,
    plugins,
    build: {
      write: false,
      emptyOutDir: false,
      target: config.build.target,
      minify: config.build.minify,
      sourcemap: false,
      rollupOptions: {
        input: path.resolve(config.root, entry),
        preserveEntrySignatures: 'strict',
        treeshake: ENGINE_TREESHAKE,
        output: { format: 'es', codeSplitting: false },
      },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]).flatMap((r) => ('output' in r ? r.output : []));
  const chunk = outputs.find((o) => o.type === 'chunk' && o.isEntry);
  if (chunk?.type !== 'chunk' || outputs.some((o) => o.type === 'chunk' && o !== chunk))
    throw new Error(`${entry}: expected one self-contained module`);
  return chunk.code;
}

/**
 * The modules the content script imports when it needs them, each one self-contained ES module, so the script every
 * frame runs carries neither: the on-page panel (src/content/panel-loader.ts imports it on first show, with the
 * message catalogues), and the re-reads of part of a document after it changed (src/content/reread-loader.ts).
 */
function lazyContentModules(): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'wysiwys:lazy-content-modules',
    apply: 'build',
    configResolved(resolved) {
      config = resolved;
    },
    async generateBundle() {
      for (const [entry, fileName] of [
        [PANEL_MODULE_ENTRY, PANEL_MODULE_FILE],
        [REREAD_MODULE_ENTRY, REREAD_MODULE_FILE],
      ])
        this.emitFile({ type: 'asset', fileName, source: await buildSelfContained(config, entry) });
    },
  };
}

/**
 * The popup loads one module instead of its entry and the chunks it shares with the other extension pages: every
 * file is one more request and module instantiation before the first render, and the popup opens on every click
 * (issue 12: popup first render; measured 15–20 ms less on a quiet page). Written after the main build: its HTML
 * loads POPUP_MODULE_FILE, and the entry chunk nothing else loads is removed.
 */
function singleModulePopup(popupHtml: string, entry: string): Plugin {
  let config: ResolvedConfig;
  let outDir = 'dist';
  return {
    name: 'wysiwys:single-module-popup',
    apply: 'build',
    enforce: 'post',
    configResolved(resolved) {
      config = resolved;
      outDir = path.resolve(resolved.root, resolved.build.outDir);
    },
    async generateBundle() {
      this.emitFile({ type: 'asset', fileName: POPUP_MODULE_FILE, source: await buildSelfContained(config, entry, [preact()]) });
    },
    writeBundle: {
      sequential: true,
      order: 'post',
      handler(_options, bundle) {
        const htmlFile = path.join(outDir, popupHtml);
        const html = readFileSync(htmlFile, 'utf8');
        const scripts = [...html.matchAll(/<script type="module"[^>]*\ssrc="([^"]+)"[^>]*><\/script>\s*/g)];
        if (scripts.length !== 1) throw new Error(`${popupHtml}: expected one module script, found ${scripts.length}`);
        const replaced = scripts[0][1].replace(/^\//, '');
        const rewritten = html
          .replace(/\s*<link rel="modulepreload"[^>]*>/g, '')
          .replace(scripts[0][0], `<script type="module" src="/${POPUP_MODULE_FILE}"></script>\n    `);
        writeFileSync(htmlFile, rewritten);
        // The old entry goes only when no other built file refers to it.
        const name = path.basename(replaced);
        const used = Object.values(bundle).some(
          (o) => o.fileName !== replaced && o.fileName !== popupHtml && String(o.type === 'chunk' ? o.code : o.source).includes(name),
        );
        if (!used) rmSync(path.join(outDir, replaced), { force: true });
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
    lazyContentModules(),
    singleModulePopup(manifest.action.default_popup, POPUP_MODULE_ENTRY),
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
      treeshake: ENGINE_TREESHAKE,
    },
  },
  server: { port: 5173, strictPort: true },
});

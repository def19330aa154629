/**
 * Size budget (issue 12): the content script runs in every frame of every granted site, so what a frame loads
 * before it can run stays at most 30 KB gzip. The panel, the report view and the message catalogues load only
 * when the panel is shown (src/content/panel-loader.ts), and the re-reads of part of a page after its first whole
 * gather (src/content/reread-loader.ts): neither is counted; the built manifest lets a page reach those modules by
 * the dynamic URL only. Reads the build the e2e suite tests (npm test builds it first).
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DIST } from '../../src/cli/launch';
import { PANEL_MODULE_FILE } from '../../src/content/panel-loader';
import { REREAD_MODULE_FILE } from '../../src/content/reread-loader';
import { contentScriptClosure, sizeOf } from '../support/content-closure';

const BUDGET_GZIP = 30 * 1024;
const dist = process.env.WYSIWYS_DIST ?? DIST;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

describe('content script size', () => {
  it(`loads at most ${kb(BUDGET_GZIP)} gzip in each frame`, () => {
    const closure = contentScriptClosure(dist);
    const lines = closure.files.map((f) => `${f.name}: ${kb(f.raw)} raw, ${kb(f.gzip)} gzip`);
    const panel = sizeOf(dist, PANEL_MODULE_FILE);
    const rereads = sizeOf(dist, REREAD_MODULE_FILE);
    console.log(
      [
        ...lines,
        `total: ${kb(closure.raw)} raw, ${kb(closure.gzip)} gzip`,
        `on first show: ${panel.name} ${kb(panel.raw)} raw, ${kb(panel.gzip)} gzip`,
        `beside it, a module of its own loaded when it starts: ${rereads.name} ${kb(rereads.raw)} raw, ${kb(rereads.gzip)} gzip`,
      ].join('\n'),
    );
    expect(closure.gzip, lines.join('; ')).toBeLessThanOrEqual(BUDGET_GZIP);
  });

  it('keeps the message catalogues, the panel and the polyfill out of it', () => {
    const code = contentScriptClosure(dist)
      .files.map((f) => readFileSync(path.join(dist, f.name), 'utf8'))
      .join('\n');
    // A catalogue entry, a panel label, the report view's wording and the polyfill's own marker.
    for (const [what, marker] of [
      ['message catalogue', 'engine_msg_error'],
      ['panel', 'No control code on screen'],
      ['polyfill', '__mozWebExtensionPolyfillReject__'],
    ])
      expect(code.includes(marker), what).toBe(false);
  });

  it('exposes the panel and re-read modules to pages by the dynamic URL only', () => {
    const manifest = JSON.parse(readFileSync(path.join(dist, 'manifest.json'), 'utf8')) as {
      web_accessible_resources?: { resources: string[]; use_dynamic_url?: boolean }[];
    };
    const exposed = manifest.web_accessible_resources ?? [];
    expect(exposed.flatMap((w) => w.resources)).toEqual([PANEL_MODULE_FILE, REREAD_MODULE_FILE]);
    expect(exposed.every((w) => w.use_dynamic_url === true)).toBe(true);
  });
});

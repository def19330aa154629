/**
 * The popup's build (issue 12: popup first render): its page loads one self-contained module — no entry plus
 * shared chunks, each one more request and module instantiation before the first render. Reads the build the e2e
 * suite tests (npm test builds it first); that the popup works from it is what the popup's e2e tests show.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DIST } from '../../src/cli/launch';
import { POPUP_MODULE_FILE } from '../../src/popup/build';

const dist = process.env.WYSIWYS_DIST ?? DIST;
const manifest = JSON.parse(readFileSync(path.join(dist, 'manifest.json'), 'utf8')) as { action: { default_popup: string } };
const html = readFileSync(path.join(dist, manifest.action.default_popup), 'utf8');

describe('popup build', () => {
  it('loads one module script and preloads no chunks', () => {
    const scripts = [...html.matchAll(/<script\b[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1]);
    expect(scripts).toEqual([`/${POPUP_MODULE_FILE}`]);
    expect(html).not.toMatch(/rel="modulepreload"/);
  });

  it('has a module that imports nothing else', () => {
    const file = path.join(dist, POPUP_MODULE_FILE);
    expect(existsSync(file)).toBe(true);
    const code = readFileSync(file, 'utf8');
    // Minified static imports read `import{…}from"./x.js"` or `import"./x.js"`; a dynamic one `import(`.
    expect(code).not.toMatch(/\bimport\s*(?:\{[^}]*\}\s*from\s*|\*\s*as\s+\w+\s+from\s*|\w+\s+from\s*)?["'`]/);
    expect(code).not.toMatch(/\bimport\s*\(/);
  });
});

/**
 * The content-script closure measure (test/support/content-closure.ts) that the size budget relies on: it follows
 * static imports transitively from the registered script and the manifest's content scripts, counts each file
 * once, leaves import() out, and refuses a build without the content script.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { contentScriptClosure, REGISTERED_CONTENT_SCRIPT, staticImportsOf } from '../support/content-closure';

const dirs: string[] = [];
function dist(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'wysiwys-closure-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('content script closure', () => {
  it('reads static imports and re-exports, minified or not, but not import()', () => {
    expect(
      staticImportsOf(
        'import{a as b}from"./x.js";import"./y.js";export{c}from\'../z.js\';\nimport * as n from "./n.js";const l=import("./lazy.js");x.import("./no.js")',
      ),
    ).toEqual(['./x.js', './y.js', '../z.js', './n.js']);
  });

  it('follows the registered script and the manifest content scripts through their static imports, once each', () => {
    const files = {
      'manifest.json': JSON.stringify({ content_scripts: [{ js: ['loader.js'] }] }),
      [REGISTERED_CONTENT_SCRIPT]: '(function(){const p=import(chrome.runtime.getURL("src/content/panel.js"))})()',
      'src/content/panel.js': 'export const panel = 1;',
      'loader.js': 'import "./assets/a.js";',
      'assets/a.js': 'import{b}from"./b.js";import"../assets/b.js";export const a=b;',
      'assets/b.js': 'export const b="b".repeat(3);',
    };
    const closure = contentScriptClosure(dist(files));
    expect(closure.files.map((f) => f.name).sort()).toEqual(['assets/a.js', 'assets/b.js', 'loader.js', REGISTERED_CONTENT_SCRIPT]);
    const a = closure.files.find((f) => f.name === 'assets/a.js')!;
    expect(a).toEqual({ name: 'assets/a.js', raw: files['assets/a.js'].length, gzip: gzipSync(files['assets/a.js']).length });
    expect(closure.gzip).toBe(closure.files.reduce((s, f) => s + f.gzip, 0));
    expect(closure.raw).toBe(
      Object.entries(files).reduce((s, [n, t]) => s + (n === 'manifest.json' || n.endsWith('panel.js') ? 0 : t.length), 0),
    );
  });

  it('refuses a build without the content script or with a missing import', () => {
    expect(() => contentScriptClosure(dist({ 'manifest.json': '{}' }))).toThrow(REGISTERED_CONTENT_SCRIPT);
    expect(() => contentScriptClosure(dist({ 'manifest.json': '{}', [REGISTERED_CONTENT_SCRIPT]: 'import "./gone.js";' }))).toThrow(
      'src/content/gone.js',
    );
  });
});

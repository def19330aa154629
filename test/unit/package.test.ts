import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { manifestReferences, packageExtension, selectFiles, sha256, writeZip } from '../../scripts/package';

/** Reads a zip back from its central directory (independent of the writer's bookkeeping: offsets are followed). */
function readZip(zip: Buffer): { name: string; data: Buffer; mode: number; date: number; time: number }[] {
  const end = zip.length - 22;
  expect(zip.readUInt32LE(end)).toBe(0x06054b50);
  const count = zip.readUInt16LE(end + 10);
  let p = zip.readUInt32LE(end + 16);
  const out = [];
  for (let i = 0; i < count; i++) {
    expect(zip.readUInt32LE(p)).toBe(0x02014b50);
    const method = zip.readUInt16LE(p + 10);
    const csize = zip.readUInt32LE(p + 20);
    const nameLen = zip.readUInt16LE(p + 28);
    const extraLen = zip.readUInt16LE(p + 30);
    const commentLen = zip.readUInt16LE(p + 32);
    const mode = zip.readUInt32LE(p + 38) >>> 16;
    const local = zip.readUInt32LE(p + 42);
    const name = zip.subarray(p + 46, p + 46 + nameLen).toString('utf8');
    const dataStart = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const body = zip.subarray(dataStart, dataStart + csize);
    out.push({
      name,
      data: method === 8 ? inflateRawSync(body) : Buffer.from(body),
      mode,
      date: zip.readUInt16LE(p + 14),
      time: zip.readUInt16LE(p + 12),
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function fakeBuild(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'wysiwys-pkg-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const manifest = {
  manifest_version: 3,
  name: '__MSG_appName__',
  version: '1.2.3',
  default_locale: 'en',
  background: { service_worker: 'loader.js', type: 'module' },
  action: { default_popup: 'src/popup/index.html', default_icon: { 16: 'icons/icon16.png' } },
  icons: { 128: 'icons/icon128.png' },
  options_ui: { page: 'src/options/index.html' },
  web_accessible_resources: [{ resources: ['panel/*.js'], matches: ['<all_urls>'] }],
};

/** A build shaped like Vite's: loader → chunk → shared chunk; a page with a module script and a stylesheet; a
 * chunk reached only through a runtime URL string; pages named by a template (`learn/${id}.html`); plus what must
 * stay out: a source map, an orphan chunk, a file in a reached folder that nothing names. */
const build = () =>
  fakeBuild({
    'manifest.json': JSON.stringify(manifest),
    '_locales/en/messages.json': '{}',
    '_locales/lt/messages.json': '{}',
    'icons/icon16.png': 'png16',
    'icons/icon128.png': 'png128',
    'loader.js': "import './assets/worker-abc.js';",
    'assets/worker-abc.js':
      'import{a}from"./shared-1.js";chrome.scripting.executeScript({files:[`src/content/cs.js`]});\n//# sourceMappingURL=worker-abc.js.map',
    'assets/worker-abc.js.map': '{"version":3}',
    'assets/shared-1.js': 'export const a=1;',
    'assets/orphan-zzz.js': 'export const unused=1;',
    'src/content/cs.js': "(function(){const p='src/content/lazy.js'})()",
    'src/content/lazy.js': 'export{}',
    'src/popup/index.html':
      '<!doctype html><script type="module" src="/assets/popup-1.js"></script><link rel="stylesheet" href="/assets/popup.css">',
    'assets/popup-1.js':
      'import"./shared-1.js";const u=chrome.runtime.getURL("src/review/index.html"),l=e=>chrome.runtime.getURL(`learn/${encodeURIComponent(e)}.html`);',
    'learn/cancel.html': '<!doctype html><link rel="stylesheet" href="learn.css">',
    'learn/learn.css': 'p{}',
    'learn/notes.txt': 'not shipped',
    'assets/popup.css': 'body{background:url(./bg.svg)}',
    'assets/bg.svg': '<svg/>',
    'src/review/index.html': '<script type="module" src="../../assets/review-9.js"></script>',
    'assets/review-9.js': 'export{}',
    'src/options/index.html': '<script type="module" src="/assets/options-1.js"></script>',
    'assets/options-1.js': 'fetch("https://example.com/x.js");var G=`guide`;const g=e=>`${G}/${e}.html`,n=(a,b)=>`${a}/${b}.html`;',
    'guide/start.html': '<!doctype html>',
    'other/page.html': '<!doctype html>',
    'panel/a.js': 'export{}',
  });

describe('npm run package: what goes into a store zip', () => {
  it('reaches every file the manifest, pages, styles and scripts name, and leaves out maps and orphan chunks', () => {
    const { files, unreferenced } = selectFiles(build());
    expect(files).toEqual(
      [
        '_locales/en/messages.json',
        '_locales/lt/messages.json',
        'assets/bg.svg',
        'assets/options-1.js',
        'assets/popup-1.js',
        'assets/popup.css',
        'assets/review-9.js',
        'assets/shared-1.js',
        'assets/worker-abc.js',
        'icons/icon128.png',
        'guide/start.html',
        'icons/icon16.png',
        'learn/cancel.html',
        'learn/learn.css',
        'loader.js',
        'manifest.json',
        'panel/a.js',
        'src/content/cs.js',
        'src/content/lazy.js',
        'src/options/index.html',
        'src/popup/index.html',
        'src/review/index.html',
      ].sort(),
    );
    expect(unreferenced).toEqual(['assets/orphan-zzz.js', 'assets/worker-abc.js.map', 'learn/notes.txt', 'other/page.html']);
  });

  it('fails when the manifest names a file the build lacks', () => {
    const dir = fakeBuild({ 'manifest.json': JSON.stringify({ manifest_version: 3, version: '1', icons: { 48: 'icons/missing.png' } }) });
    expect(() => selectFiles(dir)).toThrow(/icons\/missing\.png/);
  });

  it('reads Firefox manifests too (background.scripts, sidebar, MV2 resource strings)', () => {
    const refs = manifestReferences({
      background: { scripts: ['bg.js'] },
      sidebar_action: { default_panel: 'side.html' },
      web_accessible_resources: ['a.png'],
      content_scripts: [{ js: ['c.js'], css: ['c.css'] }],
    });
    expect(refs).toEqual(expect.arrayContaining(['bg.js', 'side.html', 'a.png', 'c.js', 'c.css']));
  });
});

describe('npm run package: the zip format', () => {
  it('is byte-identical for the same input, whatever the order or the clock', () => {
    const a = writeZip([
      { name: 'b.txt', data: Buffer.from('bbbb'.repeat(100)) },
      { name: 'a/x.js', data: Buffer.from('x') },
    ]);
    const b = writeZip([
      { name: 'a/x.js', data: Buffer.from('x') },
      { name: 'b.txt', data: Buffer.from('bbbb'.repeat(100)) },
    ]);
    expect(sha256(a)).toBe(sha256(b));
    const entries = readZip(a);
    expect(entries.map((e) => e.name)).toEqual(['a/x.js', 'b.txt']);
    expect(entries[1].data.toString()).toBe('bbbb'.repeat(100));
    expect(entries.every((e) => e.mode === 0o100644 && e.date === 33 && e.time === 0)).toBe(true);
  });

  it('changes when a byte of the content changes', () => {
    const a = writeZip([{ name: 'a', data: Buffer.from('1') }]);
    const b = writeZip([{ name: 'a', data: Buffer.from('2') }]);
    expect(sha256(a)).not.toBe(sha256(b));
  });

  it('refuses names that would escape the folder or collide', () => {
    expect(() => writeZip([{ name: '../x', data: Buffer.from('') }])).toThrow();
    expect(() => writeZip([{ name: '/x', data: Buffer.from('') }])).toThrow();
    expect(() =>
      writeZip([
        { name: 'x', data: Buffer.from('') },
        { name: 'x', data: Buffer.from('1') },
      ]),
    ).toThrow(/twice/);
  });

  it('is a zip that unzip reads and verifies', () => {
    const dir = build();
    const { zip, files } = packageExtension(dir);
    const file = path.join(dir, 'out.zip');
    writeFileSync(file, zip);
    execFileSync('unzip', ['-tq', file]);
    const listed = execFileSync('unzip', ['-Z1', file]).toString().trim().split('\n');
    expect(listed).toEqual(files);
    expect(listed.some((f) => f.endsWith('.map'))).toBe(false);
  });
});

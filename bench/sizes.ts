/** Bundle sizes of a built extension: each script with the modules it imports, raw and gzip (level 9, per file). */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export interface FileSize {
  file: string;
  raw: number;
  gzip: number;
}

export interface BundleSize {
  files: FileSize[];
  raw: number;
  gzip: number;
}

const IMPORTS = /(?:\bimport|\bexport)\s*(?:[\w*{}\s,$]*?\bfrom\s*)?["']([^"']+\.js)["']|\bimport\(\s*["']([^"']+\.js)["']\s*\)/g;

/** `entries` (paths inside dist) and every module they import, statically or dynamically, each counted once. */
export function sizeOf(dist: string, entries: string[]): BundleSize {
  const seen = new Set<string>();
  const files: FileSize[] = [];
  const visit = (rel: string) => {
    const file = path.normalize(rel.replace(/^\//, ''));
    if (seen.has(file)) return;
    seen.add(file);
    const full = path.join(dist, file);
    if (!existsSync(full)) return;
    const bytes = readFileSync(full);
    files.push({ file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length });
    if (!file.endsWith('.js')) return;
    for (const m of bytes.toString('utf8').matchAll(IMPORTS)) {
      const spec = m[1] ?? m[2];
      visit(spec.startsWith('/') ? spec : path.join(path.dirname(file), spec));
    }
  };
  for (const e of entries) visit(e);
  return { files, raw: files.reduce((s, f) => s + f.raw, 0), gzip: files.reduce((s, f) => s + f.gzip, 0) };
}

/** The popup's scripts as its HTML loads them (module scripts and modulepreloads), with their imports. */
export function popupScripts(dist: string, popupHtml: string): string[] {
  const html = readFileSync(path.join(dist, popupHtml), 'utf8');
  const out: string[] = [];
  for (const m of html.matchAll(/<script[^>]*\ssrc="([^"]+)"|<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)) {
    const src = m[1] ?? m[2];
    out.push(src.startsWith('/') ? src : path.join(path.dirname(popupHtml), src));
  }
  return out;
}

/** Content scripts the manifest declares (the extension also registers its own at run time: see extension.ts). */
export function manifestContentScripts(dist: string): string[] {
  const manifest = JSON.parse(readFileSync(path.join(dist, 'manifest.json'), 'utf8')) as { content_scripts?: { js?: string[] }[] };
  return (manifest.content_scripts ?? []).flatMap((c) => c.js ?? []);
}

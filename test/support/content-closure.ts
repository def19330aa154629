/**
 * What a frame of a granted site loads before the content script can run: the content script the background
 * registers (and any the built manifest declares), plus every file they import statically, transitively.
 * import() is left out: the panel's module loads only when the panel is shown. Sizes are bytes, raw and gzip
 * (node:zlib, default level), per file and in total.
 */
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';

/** The content script of every frame: crxjs writes src/content/content-script.ts's standalone IIFE here. */
export const REGISTERED_CONTENT_SCRIPT = 'src/content/content-script.js';

export interface ClosureFile {
  name: string;
  raw: number;
  gzip: number;
}

export interface ContentClosure {
  files: ClosureFile[];
  raw: number;
  gzip: number;
}

/** Module specifiers of static `import … from`, `import '…'` and `export … from` (not import(): no parenthesis). */
export function staticImportsOf(code: string): string[] {
  return [...code.matchAll(/(?<![\w$.])(?:import|export)\s*(?:[^'"`();]*?\bfrom\s*)?(["'])([^"'`]+)\1/g)].map((m) => m[2]);
}

export function sizeOf(distDir: string, name: string): ClosureFile {
  const bytes = readFileSync(path.join(distDir, name));
  return { name, raw: bytes.length, gzip: gzipSync(bytes).length };
}

export function contentScriptClosure(distDir: string): ContentClosure {
  const manifest = JSON.parse(readFileSync(path.join(distDir, 'manifest.json'), 'utf8')) as {
    content_scripts?: { js?: string[] }[];
  };
  const entries = [REGISTERED_CONTENT_SCRIPT, ...(manifest.content_scripts ?? []).flatMap((c) => c.js ?? [])];
  const seen = new Set<string>();
  const queue = [...entries];
  while (queue.length) {
    const name = path.posix.normalize(queue.shift()!.replace(/^\//, ''));
    if (seen.has(name)) continue;
    if (!existsSync(path.join(distDir, name))) throw new Error(`${name} is not in ${distDir} (not built, or built elsewhere)`);
    seen.add(name);
    if (!name.endsWith('.js')) continue;
    const code = readFileSync(path.join(distDir, name), 'utf8');
    for (const specifier of staticImportsOf(code)) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(specifier)) continue; // another origin: not a file of the build
      queue.push(specifier.startsWith('/') ? specifier : path.posix.join(path.posix.dirname(name), specifier));
    }
  }
  const files = [...seen].map((name) => sizeOf(distDir, name));
  return { files, raw: files.reduce((s, f) => s + f.raw, 0), gzip: files.reduce((s, f) => s + f.gzip, 0) };
}

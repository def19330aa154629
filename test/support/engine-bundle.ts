/**
 * Builds the pure audit engine as one IIFE (window.__wysiwysAudit) so browser tests can run gather + evaluate in a
 * real Chromium page without the extension around it.
 */
import { build } from 'vite';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
// One directory per process: several test runs (helpers, watch mode) may build at once.
export const ENGINE_OUT = path.join(root, 'node_modules/.cache', `wysiwys-engine-${process.pid}`);

export async function buildEngineBundle(): Promise<string> {
  await build({
    configFile: false,
    logLevel: 'warn',
    root,
    build: {
      outDir: ENGINE_OUT,
      emptyOutDir: true,
      minify: false,
      lib: {
        entry: path.join(root, 'test/support/engine-entry.ts'),
        formats: ['iife'],
        name: '__wysiwysAuditModule',
        fileName: () => 'engine.js',
      },
    },
  });
  const code = readFileSync(path.join(ENGINE_OUT, 'engine.js'), 'utf8');
  rmSync(ENGINE_OUT, { recursive: true, force: true });
  return code;
}

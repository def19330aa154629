/**
 * Compiles the Tailwind CSS v4 demo stylesheet (demo/tailwind.css) with Tailwind's own Node API, the same steps its
 * CLI runs: compile the source, scan the files its @source lines name for class candidates, build the CSS.
 * The result lives in memory only, so a clean checkout needs nothing but `npm ci`, and nothing generated can be
 * committed by mistake. Works offline: everything comes from node_modules.
 */
import fs from 'node:fs';
import path from 'node:path';
import { compile } from '@tailwindcss/node';
import { Scanner } from '@tailwindcss/oxide';

const HERE: string = (import.meta as { dirname?: string }).dirname ?? path.dirname(decodeURIComponent(new URL(import.meta.url).pathname));

export const TAILWIND_SOURCE = path.join(HERE, 'tailwind.css');
/** Where the demo site serves the compiled stylesheet. */
export const TAILWIND_STYLESHEET_PATH = '/assets/tailwind.css';

export interface CompiledStylesheet {
  css: string;
  /** The files the candidates were read from (the pages its @source lines name). */
  scannedFiles: string[];
}

let cached: Promise<CompiledStylesheet> | undefined;

/** The compiled stylesheet, built once per process. */
export function demoTailwindStylesheet(): Promise<CompiledStylesheet> {
  cached ??= compileTailwind(TAILWIND_SOURCE).catch((err: unknown) => {
    cached = undefined;
    throw new Error(
      `demo: compiling ${path.relative(process.cwd(), TAILWIND_SOURCE)} with Tailwind CSS failed: ${err instanceof Error ? err.message : err}`,
    );
  });
  return cached;
}

async function compileTailwind(file: string): Promise<CompiledStylesheet> {
  const base = path.dirname(file);
  const compiler = await compile(fs.readFileSync(file, 'utf8'), { base, from: file, onDependency: () => {} });
  // Same source list as the CLI: the import's source(...) root (none here), then every @source.
  const root =
    compiler.root === 'none'
      ? []
      : compiler.root === null
        ? [{ base, pattern: '**/*', negated: false }]
        : [{ ...compiler.root, negated: false }];
  const scanner = new Scanner({ sources: [...root, ...compiler.sources] });
  const candidates = scanner.scan();
  if (!scanner.files.length) throw new Error('its @source lines match no file');
  return { css: compiler.build(candidates), scannedFiles: scanner.files };
}

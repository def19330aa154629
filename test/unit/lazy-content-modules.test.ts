/**
 * The outlines' module loads the first time something is outlined (src/content/overlay-loader.ts, on LazyModule):
 * what is drawn once it arrives is the latest request, nothing when the outlines were cleared meanwhile, and a load
 * that failed is tried again. The module is a stand-in served as a data: URL that records what it was asked.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

type Calls = { drawn: string[][]; cleared: number };
const calls = () => (globalThis as unknown as { __overlayCalls: Calls }).__overlayCalls;

// Read at call time, and a new URL per test (the engine keeps a module per URL for the whole run).
const STAND_IN = `
  const calls = () => globalThis.__overlayCalls;
  export const highlightAll = (targets) => calls().drawn.push(targets.map((t) => t.label));
  export const clearHighlight = () => { calls().cleared++; };
  export const isOverlayHost = () => false;
  export const onOverlayTamper = () => {};
  export const overlayProbe = () => ({ count: calls().drawn.length, rect: '' });
  export const overlayTamperState = () => null;
`;
let run = 0;

let asked: string[];
let fail: boolean;

beforeEach(() => {
  vi.resetModules();
  asked = [];
  fail = false;
  run++;
  (globalThis as unknown as { __overlayCalls: Calls }).__overlayCalls = { drawn: [], cleared: 0 };
  vi.stubGlobal('chrome', {
    runtime: {
      getURL: (file: string) => {
        asked.push(file);
        const source = fail ? 'throw new Error("gone")' : STAND_IN;
        return `data:text/javascript,${encodeURIComponent(`${source}\n// ${run}`)}`;
      },
    },
  });
});
afterEach(() => vi.unstubAllGlobals());

const el = {} as Element;
const settle = () => new Promise((r) => setTimeout(r, 50));

describe('outlines loaded on first use', () => {
  it('draws only the latest outlines asked for while the module loads', async () => {
    const overlay = await import('../../src/content/overlay-loader');
    expect(overlay.overlayProbe()).toBeNull();
    overlay.highlightAll([{ el, label: 'first' }]);
    overlay.highlight(el, 'second');
    await settle();
    expect(calls().drawn).toEqual([['second']]);
    expect(asked).toEqual(['src/content/overlay.js']);
    // Loaded: later calls go straight to it.
    overlay.highlight(el, 'third');
    expect(calls().drawn).toEqual([['second'], ['third']]);
    expect(overlay.overlayProbe()).toEqual({ count: 2, rect: '' });
  });

  it('draws nothing when the outlines were cleared before the module arrived', async () => {
    const overlay = await import('../../src/content/overlay-loader');
    overlay.highlight(el, 'code');
    overlay.clearHighlight();
    await settle();
    expect(asked).toEqual(['src/content/overlay.js']);
    expect(calls().drawn).toEqual([]);
    // The module did arrive: the next outline is drawn at once.
    overlay.highlight(el, 'again');
    expect(calls().drawn).toEqual([['again']]);
  });

  it('loads nothing for an empty list of outlines', async () => {
    const overlay = await import('../../src/content/overlay-loader');
    overlay.highlightAll([]);
    overlay.clearHighlight();
    await settle();
    expect(asked).toEqual([]);
  });

  it('tries again after a load that failed (the extension reloaded under the page)', async () => {
    const overlay = await import('../../src/content/overlay-loader');
    fail = true;
    overlay.highlight(el, 'lost');
    await settle();
    expect(calls().drawn).toEqual([]);
    fail = false;
    overlay.highlight(el, 'found');
    await settle();
    expect(calls().drawn).toEqual([['found']]);
    expect(asked.length).toBe(2);
  });
});

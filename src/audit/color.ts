/**
 * Colour parsing, alpha compositing and the WCAG 2 contrast ratio.
 * getComputedStyle gives colours in many syntaxes: rgb()/rgba() for legacy colours (hex, names, hsl, hwb, system
 * colours), but lab(), lch(), oklab(), oklch() and color(<space> …) as written or as color-mix() resolved them
 * (Tailwind CSS v4's palette is oklch). color-syntax.ts reads them all; what it cannot, the browser paints.
 */
import { readCssColor } from './color-syntax';

export interface Rgba {
  r: number;
  g: number;
  b: number;
  a: number;
}

export const WHITE: Rgba = { r: 255, g: 255, b: 255, a: 1 };
const TRANSPARENT: Rgba = Object.freeze({ r: 0, g: 0, b: 0, a: 0 });

// Computed colours repeat across a page: read each distinct string once.
const cache = new Map<string, Rgba | undefined>();
const CACHE_MAX = 1000;

/**
 * Reads any colour getComputedStyle can return as sRGB 0..255 with alpha 0..1, or undefined when it cannot be read
 * (the caller must then not guess: see NodeLayout.colorUnreadable). `currentColor` is what `currentcolor` means for
 * the property read (the element's own colour); Chromium resolves it, other engines may not.
 * A colour outside sRGB is clipped per channel, as Chromium paints it on an sRGB screen (it does not apply CSS
 * Color 4 gamut mapping when drawing; test/browser/colour-syntaxes.test.ts compares with painted pixels).
 */
export function readColor(value: string | null | undefined, currentColor?: Rgba): Rgba | undefined {
  const v = (value ?? '').trim().toLowerCase();
  if (!v) return undefined;
  if (v === 'currentcolor') return currentColor;
  if (cache.has(v)) return cache.get(v);
  const read = readWithSyntax(v) ?? readWithBrowser(v);
  if (cache.size >= CACHE_MAX) cache.clear();
  cache.set(v, read && Object.freeze(read));
  return read;
}

/**
 * readColor for callers that have no way to say "unknown": an unreadable colour counts as transparent.
 * @deprecated Gather and rules use readColor, so an unreadable colour never makes text look hidden.
 */
export function parseColor(value: string | null | undefined): Rgba {
  return readColor(value) ?? TRANSPARENT;
}

function readWithSyntax(v: string): Rgba | undefined {
  const c = readCssColor(v);
  return c && { r: channel(c.r), g: channel(c.g), b: channel(c.b), a: c.a };
}

/**
 * Last resort for a name or syntax color-syntax.ts does not read (system colours such as CanvasText when an engine returns
 * them by name): let the browser paint it on a 1×1 canvas of its own, off the page, and read the pixel back.
 */
function readWithBrowser(v: string): Rgba | undefined {
  const ctx = scratchContext();
  if (!ctx) return undefined;
  const sentinel = '#010203';
  ctx.fillStyle = sentinel;
  ctx.fillStyle = v;
  // The browser ignores a value it cannot parse; the sentinel staying is how it says so.
  if (String(ctx.fillStyle).toLowerCase() === sentinel && v.replace(/\s/g, '') !== sentinel) return undefined;
  ctx.clearRect(0, 0, 1, 1);
  ctx.fillRect(0, 0, 1, 1);
  const [r, g, b, a] = ctx.getImageData(0, 0, 1, 1).data;
  return { r, g, b, a: a / 255 };
}

type Scratch = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;
let scratch: Scratch | null | undefined;
function scratchContext(): Scratch | null {
  if (scratch !== undefined) return scratch;
  try {
    scratch = typeof OffscreenCanvas !== 'undefined' ? new OffscreenCanvas(1, 1).getContext('2d', { willReadFrequently: true }) : null;
  } catch {
    scratch = null;
  }
  return scratch;
}

function channel(unit: number): number {
  return Math.round(clamp(unit, 0, 1) * 255 * 1e4) / 1e4;
}

function clamp(n: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, n));
}

/** Paints `top` over `bottom` (source-over). */
export function composite(top: Rgba, bottom: Rgba): Rgba {
  const a = top.a + bottom.a * (1 - top.a);
  if (a === 0) return { r: 0, g: 0, b: 0, a: 0 };
  const mix = (t: number, b: number) => (t * top.a + b * bottom.a * (1 - top.a)) / a;
  return { r: mix(top.r, bottom.r), g: mix(top.g, bottom.g), b: mix(top.b, bottom.b), a };
}

function luminance(c: Rgba): number {
  const lin = (v: number) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b);
}

/** WCAG contrast ratio of a (possibly translucent) foreground on an opaque background, 1..21. */
export function contrastRatio(fg: Rgba, bg: Rgba): number {
  const opaqueBg = bg.a < 1 ? composite(bg, WHITE) : bg;
  const shown = fg.a < 1 ? composite(fg, opaqueBg) : fg;
  const [hi, lo] = [luminance(shown), luminance(opaqueBg)].sort((x, y) => y - x);
  return Math.round(((hi + 0.05) / (lo + 0.05)) * 100) / 100;
}

export function formatColor(c: Rgba): string {
  const r = Math.round(c.r),
    g = Math.round(c.g),
    b = Math.round(c.b);
  return c.a >= 1 ? `rgb(${r}, ${g}, ${b})` : `rgba(${r}, ${g}, ${b}, ${Math.round(c.a * 100) / 100})`;
}

/** Colour parsing, alpha compositing and the WCAG 2 contrast ratio. */

export interface Rgba {
  r: number;
  g: number;
  b: number;
  a: number;
}

export const WHITE: Rgba = { r: 255, g: 255, b: 255, a: 1 };

/** Parses the computed-style forms rgb()/rgba() (comma or space syntax) and #hex; transparent otherwise. */
export function parseColor(value: string | null | undefined): Rgba {
  const v = (value ?? '').trim().toLowerCase();
  if (v.startsWith('#')) {
    const hex = v.slice(1);
    const full = hex.length <= 4 ? [...hex].map((c) => c + c).join('') : hex;
    const n = (i: number) => parseInt(full.slice(i, i + 2), 16);
    return { r: n(0), g: n(2), b: n(4), a: full.length >= 8 ? n(6) / 255 : 1 };
  }
  const m = /^rgba?\(([^)]*)\)$/.exec(v);
  if (!m) return { r: 0, g: 0, b: 0, a: 0 };
  const parts = m[1].split(/[\s,/]+/).filter(Boolean);
  const channel = (s: string) => (s.endsWith('%') ? (parseFloat(s) * 255) / 100 : parseFloat(s));
  const alpha = parts[3] === undefined ? 1 : parts[3].endsWith('%') ? parseFloat(parts[3]) / 100 : parseFloat(parts[3]);
  return { r: channel(parts[0]), g: channel(parts[1]), b: channel(parts[2]), a: Number.isFinite(alpha) ? alpha : 1 };
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
  const r = Math.round(c.r), g = Math.round(c.g), b = Math.round(c.b);
  return c.a >= 1 ? `rgb(${r}, ${g}, ${b})` : `rgba(${r}, ${g}, ${b}, ${Math.round(c.a * 100) / 100})`;
}

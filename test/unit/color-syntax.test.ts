/**
 * color-syntax.ts against culori, the library it replaced in the content script (kept as a dev dependency for this):
 * thousands of random colours in every syntax getComputedStyle returns — numbers, percentages, angles in every unit,
 * `none`, alpha or not, out-of-range values, odd spacing — must read to the same sRGB as culori reads them (within
 * 0.001 of a 0..255 channel) and the same alpha. The pixels Chromium paints are test/unit/color.test.ts's and
 * test/browser/colour-syntaxes.test.ts's business; this is about the arithmetic and the grammar.
 */
import { converter, getMode, parse } from 'culori';
import { describe, expect, it } from 'vitest';
import { readColor } from '../../src/audit/color';
import { readCssColor } from '../../src/audit/color-syntax';

const toRgb = converter('rgb');
const channel = (unit: number) => Math.round(Math.min(1, Math.max(0, unit)) * 255 * 1e4) / 1e4;

/** What color.ts computed with culori before (its readWithCulori, verbatim in behaviour). */
function culoriReading(v: string): { r: number; g: number; b: number; a: number } | undefined {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(v);
  } catch {
    return undefined;
  }
  if (!parsed) return undefined;
  const filled: Record<string, unknown> = { ...parsed };
  for (const c of getMode(parsed.mode)?.channels ?? []) if (c !== 'alpha' && filled[c] === undefined) filled[c] = 0;
  const rgb = toRgb(filled as unknown as typeof parsed);
  if (!rgb || ![rgb.r, rgb.g, rgb.b].every(Number.isFinite)) return undefined;
  const alpha = /\/\s*none\s*\)$/.test(v) ? 0 : (rgb.alpha ?? 1);
  return { r: channel(rgb.r), g: channel(rgb.g), b: channel(rgb.b), a: Math.min(1, Math.max(0, alpha)) };
}

/** A small deterministic generator (mulberry32), so a failure names a colour that fails again. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function colours(count: number, seed: number): string[] {
  const r = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const num = (lo: number, hi: number) => {
    const x = lo + r() * (hi - lo);
    const style = r();
    return style < 0.5 ? String(Math.round(x * 1e4) / 1e4) : style < 0.8 ? String(Math.round(x)) : x.toExponential(3);
  };
  const maybeNone = (s: string) => (r() < 0.1 ? 'none' : s);
  const percent = (lo: number, hi: number) => `${num(lo, hi)}%`;
  const angle = () => {
    const unit = pick(['', 'deg', 'rad', 'grad', 'turn']);
    const range = { '': 720, deg: 720, rad: 12, grad: 800, turn: 2 }[unit]!;
    return `${num(-range / 2, range)}${unit}`;
  };
  const alpha = () => {
    const k = r();
    if (k < 0.4) return '';
    if (k < 0.5) return ' / none';
    return ` / ${k < 0.75 ? num(-0.2, 1.2) : percent(-10, 110)}`;
  };
  const space = () => pick([' ', '  ', '\t', ' \n ']);
  const modern = (name: string, parts: string[]) => `${name}(${r() < 0.2 ? ' ' : ''}${parts.join(space())}${alpha()})`;
  const makers: (() => string)[] = [
    () =>
      modern(
        pick(['rgb', 'rgba']),
        [0, 1, 2].map(() => maybeNone(r() < 0.5 ? num(-20, 280) : percent(-10, 110))),
      ),
    () =>
      modern(pick(['hsl', 'hsla']), [
        maybeNone(angle()),
        maybeNone(r() < 0.7 ? percent(-10, 110) : num(0, 100)),
        maybeNone(percent(-10, 110)),
      ]),
    () => modern('hwb', [maybeNone(angle()), maybeNone(percent(0, 80)), maybeNone(r() < 0.7 ? percent(0, 80) : num(0, 80))]),
    () =>
      modern('lab', [
        maybeNone(r() < 0.7 ? num(-5, 105) : percent(0, 100)),
        maybeNone(r() < 0.7 ? num(-130, 130) : percent(-100, 100)),
        maybeNone(num(-130, 130)),
      ]),
    () => modern('lch', [maybeNone(num(-5, 105)), maybeNone(r() < 0.7 ? num(-10, 160) : percent(0, 100)), maybeNone(angle())]),
    () =>
      modern('oklab', [
        maybeNone(r() < 0.6 ? num(-0.05, 1.05) : percent(0, 100)),
        maybeNone(num(-0.45, 0.45)),
        maybeNone(r() < 0.7 ? num(-0.45, 0.45) : percent(-100, 100)),
      ]),
    () =>
      modern('oklch', [
        maybeNone(r() < 0.6 ? num(-0.05, 1.05) : percent(0, 100)),
        maybeNone(r() < 0.7 ? num(-0.05, 0.5) : percent(0, 100)),
        maybeNone(angle()),
      ]),
    () =>
      modern('color', [
        pick(['srgb', 'srgb-linear', 'display-p3', 'a98-rgb', 'prophoto-rgb', 'rec2020', 'xyz', 'xyz-d50', 'xyz-d65']),
        ...[0, 1, 2].map(() => maybeNone(r() < 0.7 ? num(-0.2, 1.2) : percent(-10, 110))),
      ]),
    () => {
      const pc = r() < 0.5;
      const c = () => (pc ? percent(0, 100) : num(0, 255));
      const a = r() < 0.5 ? '' : `,${space()}${r() < 0.5 ? num(0, 1) : percent(0, 100)}`;
      return `${pick(['rgb', 'rgba'])}(${c()},${space()}${c()} ,${c()}${a})`;
    },
    () => {
      const a = r() < 0.5 ? '' : `, ${r() < 0.5 ? num(0, 1) : percent(0, 100)}`;
      return `${pick(['hsl', 'hsla'])}(${pick([num(-360, 720), `${num(-360, 720)}deg`, `${num(0, 1)}turn`])}, ${percent(-10, 110)}, ${percent(-10, 110)}${a})`;
    },
    () => `#${[...Array(pick([3, 4, 6, 8]))].map(() => pick([...'0123456789abcdef'])).join('')}`,
  ];
  return [...Array(count)].map(() => pick(makers)()).map((v) => v.toLowerCase());
}

describe('color-syntax reads every computed-colour syntax as culori did', () => {
  it('agrees with culori on 6,000 random colours in every syntax, unit and spacing', () => {
    const disagreements: string[] = [];
    for (const v of colours(6000, 20261204)) {
      const want = culoriReading(v);
      const got = readColor(v);
      if (!want || !got) {
        if (!!want !== !!got) disagreements.push(`${v}: culori ${JSON.stringify(want)}, ours ${JSON.stringify(got)}`);
        continue;
      }
      const off = Math.max(Math.abs(want.r - got.r), Math.abs(want.g - got.g), Math.abs(want.b - got.b));
      if (off > 1e-3 || Math.abs(want.a - got.a) > 1e-9)
        disagreements.push(`${v}: culori ${JSON.stringify(want)}, ours ${JSON.stringify(got)}`);
    }
    expect(disagreements.slice(0, 10)).toEqual([]);
  });

  it('reads each syntax the generator makes (the comparison above is not between two refusals)', () => {
    const read = colours(6000, 20261204).filter((v) => readCssColor(v));
    expect(read.length).toBeGreaterThan(5400);
    for (const prefix of ['rgb(', 'rgba(', 'hsl(', 'hwb(', 'lab(', 'lch(', 'oklab(', 'oklch(', 'color(', '#'])
      expect(read.filter((v) => v.startsWith(prefix)).length, prefix).toBeGreaterThan(50);
  });

  it('refuses what is not a colour of these syntaxes, as culori does', () => {
    for (const v of [
      'rgb(1 2)',
      'rgb(1 2 3 4)',
      'rgb(1, 2 3)',
      'rgb(1, 2%, 3)',
      'rgb(10deg 2 3)',
      'hsl(10% 50% 50%)',
      'lab(50deg 1 2)',
      'oklch(0.5 0.1 20%)',
      'color(srgb 1 2)',
      'color(--brand 1 2 3)',
      'color(srgb 1deg 0 0)',
      'color-mix(in srgb, red 50%, blue)',
      'rgb(calc(1) 2 3)',
      'rgb(1 2 3 / )',
      'rgb(1 2 3 / 1 / 2)',
      'rgb(1 2 3 / 10deg)',
      'device-cmyk(0 1 1 0)',
      '#abcde',
      '#ggg',
      'rgb(1px 2 3)',
      'rgb(5. 2 3)',
    ]) {
      expect(readCssColor(v), v).toBeUndefined();
      expect(culoriReading(v), `${v} (culori)`).toBeUndefined();
    }
  });

  it('never takes a property of its own tables for a colour space or function', () => {
    for (const v of [
      'color(constructor 1 0 0)',
      'color(tostring 1 0 0)',
      'constructor(1 2 3)',
      '__proto__(1 2 3)',
      'hasownproperty(1 2 3)',
      'lch(50 0 1constructor)',
      'oklch(0.5 0 2tostring)',
    ])
      expect(readCssColor(v), v).toBeUndefined();
  });
});

/**
 * Every colour syntax getComputedStyle can return, read to the sRGB Chromium paints (expected values are the pixels
 * Chromium 156 drew for each; test/browser/colour-syntaxes.test.ts checks the same live), alpha and `none` kept,
 * and an unreadable colour reported as unknown instead of transparent.
 */
import { describe, expect, it } from 'vitest';
import { contrastRatio, parseColor, readColor, type Rgba } from '../../src/audit/color';

function expectColor(value: string, [r, g, b]: [number, number, number], a = 1, tolerance = 1): void {
  const c = readColor(value);
  expect(c, value).toBeDefined();
  const got = c as Rgba;
  for (const [k, want] of [
    ['r', r],
    ['g', g],
    ['b', b],
  ] as const) {
    expect(Math.abs(got[k] - want), `${value} ${k}=${got[k]} (want ${want})`).toBeLessThanOrEqual(tolerance);
  }
  expect(got.a, `${value} alpha`).toBeCloseTo(a, 3);
}

describe('readColor', () => {
  it('reads hex in all four lengths', () => {
    expectColor('#abc', [170, 187, 204], 1, 0);
    expectColor('#abc8', [170, 187, 204], 0x88 / 255, 0);
    expectColor('#AABBCC', [170, 187, 204], 1, 0);
    expectColor('#aabbcc80', [170, 187, 204], 0x80 / 255, 0);
  });

  it('reads rgb()/rgba() in comma and space syntax, with percentages and `none`', () => {
    expect(readColor('rgb(10, 20, 30)')).toEqual({ r: 10, g: 20, b: 30, a: 1 });
    expect(readColor('rgba(10, 20, 30, 0.25)')).toEqual({ r: 10, g: 20, b: 30, a: 0.25 });
    expect(readColor('rgb(10 20 30 / 50%)')).toEqual({ r: 10, g: 20, b: 30, a: 0.5 });
    expectColor('rgb(10% 20% 30%)', [25.5, 51, 76.5], 1, 0.01);
    expectColor('rgb(none 20 30)', [0, 20, 30], 1, 0);
    expectColor('RGB(255 0 0)', [255, 0, 0], 1, 0);
  });

  it('reads hsl() and hwb(), legacy and modern, hue units and `none`', () => {
    expectColor('hsl(120, 50%, 50%)', [64, 191, 64]);
    expectColor('hsl(120deg 50% 50% / .5)', [64, 191, 64], 0.5);
    expectColor('hsl(0.5turn 100% 50%)', [0, 255, 255]);
    expectColor('hsl(none 50% 50%)', [191, 64, 64]);
    expectColor('hwb(120 20% 30%)', [51, 179, 51]);
  });

  it('reads lab(), lch(), oklab() and oklch()', () => {
    expectColor('oklch(0.628 0.2577 29.23)', [255, 0, 0]);
    expectColor('oklch(62.8% 0.2577 29.23deg)', [255, 0, 0]);
    expectColor('lab(50 40 -20)', [171, 90, 154]);
    expectColor('lab(50 40 -20 / 0.5)', [171, 90, 154], 0.5);
    expectColor('lch(50 40 200)', [0, 136, 141]);
    expectColor('oklab(0.6 0.1 -0.1)', [159, 99, 186]);
    // What Tailwind CSS v4 and color-mix() hand to getComputedStyle.
    expectColor('oklch(0.539974 0.285457 326.643)', [186, 0, 194]);
    expectColor('lab(77.1444 40.4193 34.9493)', [255, 159, 128]);
  });

  it('reads color() in every predefined space, exponents included', () => {
    expectColor('color(srgb 1 0 0)', [255, 0, 0]);
    expectColor('color(srgb 1 0 0 / 0.3)', [255, 0, 0], 0.3);
    expectColor('color(srgb-linear 0.5 0.5 0.5)', [188, 188, 188]);
    expectColor('color(srgb-linear 0.5 -6.85395e-9 0.5)', [188, 0, 188]);
    expectColor('color(display-p3 0.458734 0.100055 0.549017)', [128, 10, 145]);
    expectColor('color(a98-rgb 0.5 0.5 0.5)', [128, 128, 128]);
    expectColor('color(prophoto-rgb 0.2 0.8 0.3)', [0, 233, 48]);
    expectColor('color(rec2020 0.5 0.5 0.5)', [139, 139, 139]);
    expectColor('color(xyz 0.3 0.3 0.3)', [162, 145, 143]);
    expectColor('color(xyz-d65 0.296439 0.142411 0.484861)', [188, 0, 188]);
    expectColor('color(xyz-d50 0.3 0.3 0.3)', [151, 147, 165]);
  });

  it('clips a colour outside sRGB per channel, as Chromium paints it', () => {
    expectColor('color(display-p3 1 0 0)', [255, 0, 0]);
    expectColor('color(rec2020 1 0 0)', [255, 0, 0]);
    expectColor('oklch(0.7 0.5 150)', [0, 223, 0]);
    expectColor('lab(100 0 0)', [255, 255, 255]);
  });

  it('paints `none` channels as 0, and `none` alpha as transparent', () => {
    expectColor('oklch(0.5 none none)', [99, 99, 99]);
    expectColor('lch(50 none 200)', [119, 119, 119]);
    expectColor('color(display-p3 none 0.5 0.5)', [0, 130, 129]);
    expect(readColor('oklch(0.5 0.1 30 / none)')?.a).toBe(0);
    expectColor('oklch(0.541151 0.00404086 none)', [113, 110, 111]);
  });

  it('reads keywords: transparent, currentcolor when the caller knows it; a name is left to the browser', () => {
    expect(readColor('transparent')).toEqual({ r: 0, g: 0, b: 0, a: 0 });
    // Computed styles never hold names; one met anyway is painted by the browser's own canvas
    // (test/browser/colour-syntaxes.test.ts). Without a browser it is unknown, never a guessed colour.
    expect(readColor('rebeccapurple')).toBeUndefined();
    const own = { r: 1, g: 2, b: 3, a: 1 };
    expect(readColor('currentcolor', own)).toEqual(own);
    expect(readColor('currentColor', own)).toEqual(own);
    expect(readColor('currentcolor')).toBeUndefined();
  });

  it('says "unknown" for what it cannot read, never transparent', () => {
    for (const v of ['device-cmyk(0 1 1 0)', 'color(--brand 1 2 3)', 'future-colour(1 2 3)', '', 'url(#g)', 'rgb(1 2)']) {
      expect(readColor(v), v).toBeUndefined();
    }
    expect(readColor(null)).toBeUndefined();
    // The old entry point keeps its contract for callers with no "unknown".
    expect(parseColor('device-cmyk(0 1 1 0)')).toEqual({ r: 0, g: 0, b: 0, a: 0 });
  });

  it('gives the same contrast for the same colour in any syntax', () => {
    const white = readColor('#fff')!;
    const hex = contrastRatio(readColor('#767676')!, white);
    for (const v of ['rgb(118 118 118)', 'hsl(0 0% 46.27%)', 'oklch(0.5658 0 0)', 'lab(49.7 0 0)', 'color(srgb 0.4627 0.4627 0.4627)']) {
      expect(Math.abs(contrastRatio(readColor(v)!, white) - hex), v).toBeLessThan(0.05);
    }
    // Faded oklch text under 3:1 is faded, whatever the syntax.
    expect(contrastRatio(readColor('oklch(0.8 0.02 250)')!, white)).toBeLessThan(3);
  });
});

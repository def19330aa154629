/**
 * The CSS colour syntaxes getComputedStyle can return, read to sRGB: `#hex`, `transparent`, rgb()/rgba() and
 * hsl()/hsla() (comma and space syntax), hwb(), lab(), lch(), oklab(), oklch() and color() in every predefined space.
 * Conversions follow CSS Color 4's sample code (§18) with the constants culori uses, which stays the test oracle
 * (test/unit/color-syntax.test.ts compares the two on thousands of colours in every syntax); written here because
 * the content script every frame loads carried ~21 KB of culori for this. Anything else (names, system colours,
 * color-mix() or calc() left unresolved) is not read here: color.ts asks the browser.
 */

/** sRGB channels 0..1 (out-of-gamut values kept: the caller clips) and alpha 0..1 (`none` alpha reads as 0). */
export interface UnitRgba {
  r: number;
  g: number;
  b: number;
  a: number;
}

type Rgb = [number, number, number];
/** A component: a number, a percentage, an angle (in degrees) or `none`. */
type Component = { kind: 'number' | 'percent' | 'angle' | 'none'; value: number };

const ANGLE_DEGREES: Record<string, number> = { deg: 1, rad: 180 / Math.PI, grad: 0.9, turn: 360 };
const NUMBER = /^[+-]?(?:\d+(?:\.\d+)?|\.\d+)(?:e[+-]?\d+)?/;
const LEGACY_NUMBER = '\\s*([+-]?(?:\\d+(?:\\.\\d+)?|\\.\\d+)(?:e[+-]?\\d+)?)';
/** Exported so that test/unit/redos.test.ts checks them like every pattern run over page-supplied text. */
export const LEGACY_RGB = new RegExp(
  `^rgba?\\(${LEGACY_NUMBER}(%?)\\s*,${LEGACY_NUMBER}(%?)\\s*,${LEGACY_NUMBER}(%?)\\s*(?:,${LEGACY_NUMBER}(%?)\\s*)?\\)$`,
);
export const LEGACY_HSL = new RegExp(
  `^hsla?\\(${LEGACY_NUMBER}(deg|rad|grad|turn)?\\s*,${LEGACY_NUMBER}%\\s*,${LEGACY_NUMBER}%\\s*(?:,${LEGACY_NUMBER}(%?)\\s*)?\\)$`,
);

/** Reads a lower-case, trimmed colour value; undefined when it is not one of the syntaxes above. */
export function readCssColor(v: string): UnitRgba | undefined {
  if (v === 'transparent') return { r: 0, g: 0, b: 0, a: 0 };
  if (v[0] === '#') return readHex(v.slice(1));
  if (v.includes(',')) return readLegacy(v);
  const open = v.indexOf('(');
  if (open < 0 || v[v.length - 1] !== ')') return undefined;
  const name = v.slice(0, open);
  const inner = v.slice(open + 1, -1);
  if (/[(),]/.test(inner)) return undefined;
  const slash = inner.split('/');
  if (slash.length > 2) return undefined;
  const words = slash[0].trim().split(/\s+/);
  let alpha = 1;
  if (slash.length === 2) {
    const a = component(slash[1].trim());
    if (!a || a.kind === 'angle') return undefined;
    alpha = a.kind === 'none' ? 0 : unitAlpha(a);
  }
  if (name === 'color') {
    const space = own(SPACES, words.shift() ?? '');
    const c = components(words);
    if (!space || !c || c.some((x) => x.kind === 'angle')) return undefined;
    return withAlpha(space(c.map((x) => (x.kind === 'percent' ? x.value / 100 : x.value)) as Rgb), alpha);
  }
  const c = components(words);
  const read = own(FUNCTIONS, name);
  const rgb = c && read?.(c);
  return rgb ? withAlpha(rgb, alpha) : undefined;
}

/** A table's own entry only: `constructor` or `toString` in a page's colour is not a colour space. */
function own<T>(table: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

function withAlpha([r, g, b]: Rgb, a: number): UnitRgba | undefined {
  return Number.isFinite(r) && Number.isFinite(g) && Number.isFinite(b) ? { r, g, b, a } : undefined;
}

function readHex(hex: string): UnitRgba | undefined {
  if (!/^(?:[0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/.test(hex)) return undefined;
  const pairs = hex.length <= 4 ? [...hex].map((d) => d + d) : (hex.match(/../g) as string[]);
  const [r, g, b, a = 255] = pairs.map((p) => parseInt(p, 16));
  return { r: r / 255, g: g / 255, b: b / 255, a: a / 255 };
}

/** rgb()/rgba() with commas: all numbers or all percentages; hsl()/hsla() with commas: percentages (CSS Color 4 §15). */
function readLegacy(v: string): UnitRgba | undefined {
  const rgb = LEGACY_RGB.exec(v);
  if (rgb) {
    const percent = rgb[2];
    if (rgb[4] !== percent || rgb[6] !== percent) return undefined;
    const unit = (n: string) => +n / (percent ? 100 : 255);
    return { r: unit(rgb[1]), g: unit(rgb[3]), b: unit(rgb[5]), a: legacyAlpha(rgb[7], rgb[8]) };
  }
  const hsl = LEGACY_HSL.exec(v);
  if (!hsl) return undefined;
  const clip = (n: string) => Math.min(Math.max(0, +n / 100), 1);
  const [r, g, b] = hslToRgb(+hsl[1] * ANGLE_DEGREES[hsl[2] ?? 'deg'], clip(hsl[3]), clip(hsl[4]));
  return { r, g, b, a: legacyAlpha(hsl[5], hsl[6]) };
}

function legacyAlpha(value: string | undefined, percent: string | undefined): number {
  return value === undefined ? 1 : Math.max(0, Math.min(1, +value / (percent ? 100 : 1)));
}

function component(word: string): Component | undefined {
  if (word === 'none') return { kind: 'none', value: 0 };
  const number = NUMBER.exec(word);
  if (!number) return undefined;
  const unit = word.slice(number[0].length);
  const value = +number[0];
  if (!unit) return { kind: 'number', value };
  if (unit === '%') return { kind: 'percent', value };
  const degrees = own(ANGLE_DEGREES, unit);
  return degrees === undefined ? undefined : { kind: 'angle', value: value * degrees };
}

/** Exactly three components (the alpha went after the slash). */
function components(words: string[]): Component[] | undefined {
  if (words.length !== 3) return undefined;
  const c = words.map(component);
  return c.every((x) => x !== undefined) ? (c as Component[]) : undefined;
}

function unitAlpha(a: Component): number {
  return Math.max(0, Math.min(1, a.kind === 'percent' ? a.value / 100 : a.value));
}

/** A channel where a percentage means `percentOf` at 100 % (CSS Color 4's reference ranges); angles are invalid. */
const scaled = (c: Component, percentOf: number): number | undefined =>
  c.kind === 'angle' ? undefined : c.kind === 'percent' ? (c.value * percentOf) / 100 : c.value;
/** hsl()'s and hwb()'s saturation, lightness, whiteness and blackness: a number means the same as a percentage. */
const percentish = (c: Component): number | undefined => (c.kind === 'angle' ? undefined : c.value / 100);
/** A hue in degrees (a plain number is degrees); a percentage is invalid. */
const hue = (c: Component): number | undefined => (c.kind === 'percent' ? undefined : c.value);
const all = (values: (number | undefined)[]): values is number[] => values.every((x) => x !== undefined);

/**
 * lab() and oklab() (lightness clamped to 0..`lightness`, a and b axes where 100 % is `axis`) and their polar forms
 * lch() and oklch() (chroma where 100 % is `chroma`, never below 0; the hue turns it into a and b), read by `toRgb`.
 */
function labFamily(lightness: number, axis: number, chroma: number, toRgb: (l: number, a: number, b: number) => Rgb) {
  const read = (l: number | undefined, a: number | undefined, b: number | undefined) =>
    l === undefined || a === undefined || b === undefined ? undefined : toRgb(clamp(l, 0, lightness), a, b);
  return {
    rectangular: ([l, a, b]: Component[]) => read(scaled(l, lightness), scaled(a, axis), scaled(b, axis)),
    polarForm([l, c, h]: Component[]) {
      const length = scaled(c, chroma);
      const degrees = hue(h);
      if (length === undefined || degrees === undefined) return undefined;
      const [a, b] = polar(Math.max(0, length), degrees);
      return read(scaled(l, lightness), a, b);
    },
  };
}
const LAB = labFamily(100, 125, 150, labToRgb);
const OKLAB = labFamily(1, 0.4, 0.4, oklabToRgb);

const FUNCTIONS: Record<string, (c: Component[]) => Rgb | undefined> = {
  rgb: rgbFunction,
  rgba: rgbFunction,
  hsl: hslFunction,
  hsla: hslFunction,
  hwb([h, w, b]) {
    const values = [hue(h), percentish(w), percentish(b)];
    return all(values) ? hwbToRgb(values[0], values[1], values[2]) : undefined;
  },
  lab: LAB.rectangular,
  lch: LAB.polarForm,
  oklab: OKLAB.rectangular,
  oklch: OKLAB.polarForm,
};

function rgbFunction(c: Component[]): Rgb | undefined {
  const values = c.map((x) => (x.kind === 'percent' ? x.value / 100 : x.kind === 'angle' ? undefined : x.value / 255));
  return all(values) ? (values as Rgb) : undefined;
}

function hslFunction([h, s, l]: Component[]): Rgb | undefined {
  const values = [hue(h), percentish(s), percentish(l)];
  return all(values) ? hslToRgb(values[0], values[1], values[2]) : undefined;
}

function polar(chroma: number, degrees: number): [number, number] {
  if (!chroma) return [0, 0];
  const radians = (degrees / 180) * Math.PI;
  return [chroma * Math.cos(radians), chroma * Math.sin(radians)];
}

const clamp = (n: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, n));
const normalHue = (h: number) => ((h %= 360) < 0 ? h + 360 : h);

function hslToRgb(h: number, s: number, l: number): Rgb {
  h = normalHue(h);
  const m1 = l + s * (l < 0.5 ? l : 1 - l);
  const m2 = m1 - (m1 - l) * 2 * Math.abs(((h / 60) % 2) - 1);
  const low = 2 * l - m1;
  return sextant(h, m1, m2, low);
}

function hwbToRgb(h: number, w: number, b: number): Rgb {
  if (w + b > 1) {
    const sum = w + b;
    w /= sum;
    b /= sum;
  }
  // HWB is HSV with s = 1 − w / v and v = 1 − b.
  const v = 1 - b;
  const s = b === 1 ? 1 : 1 - w / v;
  h = normalHue(h);
  const f = Math.abs(((h / 60) % 2) - 1);
  return sextant(h, v, v * (1 - s * f), v * (1 - s));
}

/** The hue's sextant decides which channel gets the high, middle and low value (HSL and HSV alike). */
function sextant(h: number, high: number, middle: number, low: number): Rgb {
  switch (Math.floor(h / 60)) {
    case 0:
      return [high, middle, low];
    case 1:
      return [middle, high, low];
    case 2:
      return [low, high, middle];
    case 3:
      return [low, middle, high];
    case 4:
      return [middle, low, high];
    case 5:
      return [high, low, middle];
    default:
      return [low, low, low];
  }
}

/** sRGB's transfer function, both ways (also Display P3's). */
const gammaEncode = (c: number) => {
  const abs = Math.abs(c);
  return abs > 0.0031308 ? (Math.sign(c) || 1) * (1.055 * abs ** (1 / 2.4) - 0.055) : c * 12.92;
};
const gammaDecode = (c: number) => {
  const abs = Math.abs(c);
  return abs <= 0.04045 ? c / 12.92 : (Math.sign(c) || 1) * ((abs + 0.055) / 1.055) ** 2.4;
};

type Matrix = readonly [number, number, number, number, number, number, number, number, number];
const times = (m: Matrix, [x, y, z]: Rgb): Rgb => [
  m[0] * x + m[1] * y + m[2] * z,
  m[3] * x + m[4] * y + m[5] * z,
  m[6] * x + m[7] * y + m[8] * z,
];
const encode = ([r, g, b]: Rgb): Rgb => [gammaEncode(r), gammaEncode(g), gammaEncode(b)];

const XYZ65_TO_LINEAR_SRGB: Matrix = [
  3.2409699419045226, -1.5373831775700939, -0.4986107602930034, -0.9692436362808796, 1.8759675015077204, 0.0415550574071756,
  0.0556300796969936, -0.2039769588889765, 1.0569715142428784,
];
const XYZ50_TO_LINEAR_SRGB: Matrix = [
  3.1341359569958707, -1.6173863321612538, -0.4906619460083532, -0.978795502912089, 1.916254567259524, 0.03344273116131949,
  0.07195537988411677, -0.2289768264158322, 1.405386058324125,
];
const P3_TO_XYZ65: Matrix = [
  0.486570948648216, 0.265667693169093, 0.1982172852343625, 0.2289745640697487, 0.6917385218365062, 0.079286914093745, 0,
  0.0451133818589026, 1.043944368900976,
];
const A98_TO_XYZ65: Matrix = [
  0.5766690429101305, 0.1855582379065463, 0.1882286462349947, 0.297344975250536, 0.6273635662554661, 0.0752914584939979, 0.0270313613864123,
  0.0706888525358272, 0.9913375368376386,
];
const PROPHOTO_TO_XYZ50: Matrix = [
  0.7977666449006423, 0.1351812974005331, 0.0313477341283922, 0.2880748288194013, 0.7118352342418731, 0.0000899369387256, 0, 0,
  0.8251046025104602,
];
const REC2020_TO_XYZ65: Matrix = [
  0.6369580483012911, 0.1446169035862083, 0.1688809751641721, 0.262700212011267, 0.6779980715188708, 0.059301716469862, 0,
  0.0280726930490874, 1.0609850577107909,
];

const fromXyz65 = (xyz: Rgb) => encode(times(XYZ65_TO_LINEAR_SRGB, xyz));
const fromXyz50 = (xyz: Rgb) => encode(times(XYZ50_TO_LINEAR_SRGB, xyz));
const each =
  (f: (c: number) => number) =>
  ([r, g, b]: Rgb): Rgb => [f(r), f(g), f(b)];
const REC2020_ALPHA = 1.09929682680944;
const REC2020_BETA = 0.018053968510807;

/** color(<space> …) to sRGB. */
const SPACES: Record<string, (c: Rgb) => Rgb> = {
  srgb: (c) => c,
  'srgb-linear': encode,
  'display-p3': (c) => fromXyz65(times(P3_TO_XYZ65, each(gammaDecode)(c))),
  'a98-rgb': (c) => fromXyz65(times(A98_TO_XYZ65, each((v) => Math.abs(v) ** (563 / 256) * Math.sign(v))(c))),
  'prophoto-rgb': (c) =>
    fromXyz50(times(PROPHOTO_TO_XYZ50, each((v) => (Math.abs(v) >= 16 / 512 ? Math.sign(v) * Math.abs(v) ** 1.8 : v / 16))(c))),
  rec2020: (c) =>
    fromXyz65(
      times(
        REC2020_TO_XYZ65,
        each((v) =>
          Math.abs(v) < REC2020_BETA * 4.5
            ? v / 4.5
            : (Math.sign(v) || 1) * ((Math.abs(v) + REC2020_ALPHA - 1) / REC2020_ALPHA) ** (1 / 0.45),
        )(c),
      ),
    ),
  xyz: fromXyz65,
  'xyz-d65': fromXyz65,
  'xyz-d50': fromXyz50,
};

/** CIE Lab (D50) to sRGB. */
function labToRgb(l: number, a: number, b: number): Rgb {
  const k = 29 ** 3 / 3 ** 3;
  const e = 6 ** 3 / 29 ** 3;
  const f = (v: number) => (v ** 3 > e ? v ** 3 : (116 * v - 16) / k);
  const fy = (l + 16) / 116;
  const d50: Rgb = [0.3457 / 0.3585, 1, (1 - 0.3457 - 0.3585) / 0.3585];
  return fromXyz50([f(a / 500 + fy) * d50[0], f(fy) * d50[1], f(fy - b / 200) * d50[2]]);
}

/** Oklab to sRGB (Björn Ottosson's matrices, as CSS Color 4 gives them). */
function oklabToRgb(l: number, a: number, b: number): Rgb {
  const L = (l + 0.3963377773761749 * a + 0.2158037573099136 * b) ** 3;
  const M = (l - 0.1055613458156586 * a - 0.0638541728258133 * b) ** 3;
  const S = (l - 0.0894841775298119 * a - 1.2914855480194092 * b) ** 3;
  return encode([
    4.0767416360759574 * L - 3.3077115392580616 * M + 0.2309699031821044 * S,
    -1.2684379732850317 * L + 2.6097573492876887 * M - 0.3413193760026573 * S,
    -0.0041960761386756 * L - 0.7034186179359362 * M + 1.7076146940746117 * S,
  ]);
}

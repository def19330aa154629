/** Each invariance rewrite does what its name says on small inputs, and leaves what it must not touch alone. */
import { describe, expect, it } from 'vitest';
import { parse, formatHex, converter } from 'culori';
import {
  colourFormats,
  colourCustomProperties,
  mapColours,
  mapFontSizes,
  setsRootFontSize,
  swapTags,
  renameClasses,
  intoIframe,
  greyWithContrast,
  rewrites,
  type FixtureCase,
} from '../support/rewrites';

const rgb = converter('rgb');
const sameColour = (a: string, b: string) => {
  const x = rgb(parse(a)!),
    y = rgb(parse(b)!);
  return ['r', 'g', 'b'].every(
    (k) =>
      Math.abs(
        Math.round((x as never as Record<string, number>)[k] * 255) - Math.round((y as never as Record<string, number>)[k] * 255),
      ) === 0,
  );
};
const c: FixtureCase = {
  rule: 'control-code',
  set: 'control-code',
  id: 'pass-x',
  lang: 'en',
  viewport: { width: 1280, height: 900 },
  wait: 0,
  html: '',
  expected: 'pass',
};

describe('colour rewrites', () => {
  const html =
    '<style>#bad .code { color: #0b3d91; background: rgba(0,0,0,.5); border: 1px solid white } a:hover { color: red }</style><p style="color:#fff;font-family:Tan">x</p><svg fill="#123456"></svg>';
  for (const [name, write] of Object.entries(colourFormats)) {
    it(`${name} writes the same 8-bit colour`, () => {
      for (const colour of ['#0b3d91', '#fff', '#000', 'rgb(108,117,125)', 'hsl(210 20% 40%)', 'rebeccapurple', '#00000080']) {
        const out = write(parse(colour)!);
        if (name !== 'color-mix()') expect(sameColour(out, colour), `${colour} → ${out}`).toBe(true);
        if (colour.startsWith('#')) expect(out).not.toBe(colour);
      }
    });
  }
  it('color-mix() mixes two colours equally far from the original', () => {
    const out = colourFormats['color-mix()'](parse('#0b3d91')!);
    const m = /color-mix\(in srgb, (rgb\([^)]*\)), (rgb\([^)]*\))\)/.exec(out)!;
    const a = rgb(parse(m[1])!),
      b = rgb(parse(m[2])!);
    expect(formatHex({ mode: 'rgb', r: (a.r + b.r) / 2, g: (a.g + b.g) / 2, b: (a.b + b.b) / 2 })).toBe('#0b3d91');
    expect(m[1]).not.toBe(m[2]);
  });
  it('rewrites colours in declarations only: not id selectors, font names, SVG attributes', () => {
    const out = mapColours(html, (col) => colourFormats.oklch(col));
    expect(out).toContain('#bad .code');
    expect(out).toContain('a:hover');
    expect(out).toContain('font-family:Tan');
    expect(out).toContain('fill="#123456"');
    expect(out).toContain('solid oklch(');
    expect(out).not.toMatch(/#0b3d91|rgba\(|#fff|\bred\b|\bwhite\b/);
  });
  it('custom properties: each colour read through var(), defined once on :root', () => {
    const out = colourCustomProperties('<style>.a{color:#fff}.b{background:#fff;color:red}</style>')!;
    expect(out).toContain(':root{--palette-0: #fff; --palette-1: red;}');
    expect(out).toContain('.a{color:var(--palette-0)}.b{background:var(--palette-0);color:var(--palette-1)}');
    expect(colourCustomProperties('<p>no colour</p>')).toBeNull();
  });
  it('leaves scripts alone', () => {
    const s = '<script>el.style.color = "#fff"; const css = "p{color:#fff}"</script>';
    expect(mapColours(s, () => 'X')).toBe(s);
  });
});

describe('font-size rewrites', () => {
  it('px → rem, pt, vw in font-size and the font shorthand, not other lengths', () => {
    const html = '<style>.c{font-size: 36px; margin: 10px} .d{font: 700 20px/24px Arial}</style><span style="font-size:13px">x</span>';
    expect(mapFontSizes(html, (px) => `${px / 16}rem`)).toBe(
      '<style>.c{font-size: 2.25rem; margin: 10px} .d{font: 700 1.25rem/24px Arial}</style><span style="font-size:0.8125rem">x</span>',
    );
    expect(mapFontSizes(html, (px) => `${px * 0.75}pt`)).toContain('font-size: 27pt');
  });
  it('rem is not used when the page sets the root size', () => {
    expect(setsRootFontSize('<style>html { font-size: 62.5% }</style>')).toBe(true);
    expect(setsRootFontSize('<style>body { font-size: 14px }</style>')).toBe(false);
    const list = rewrites({ closedShadowShim: '', locales: [] });
    const rem = list.find((r) => r.name === 'font-size px → rem')!;
    expect(rem.source!('<style>:root{font-size:10px}.a{font-size:20px}</style>', c)).toBeNull();
  });
  it('vw follows the case viewport', () => {
    const vw = rewrites({ closedShadowShim: '', locales: [] }).find((r) => r.name === 'font-size px → vw')!;
    expect(vw.source!('<style>.a{font-size:32px}</style>', c)).toBe('<style>.a{font-size:2.5vw}</style>');
  });
});

describe('tag rewrites', () => {
  it('renames the tags in markup and type selectors, not in classes or scripts', () => {
    const html =
      '<style>div.card > p, .divider, main div { x: 1 }</style><div class="card"><div>a</div></div><script>document.createElement("div")</script>';
    expect(swapTags(html, ['div'], 'section')).toBe(
      '<style>section.card > p, .divider, main section { x: 1 }</style><section class="card"><section>a</section></section><script>document.createElement("div")</script>',
    );
  });
  it('the custom element is displayed as a block', () => {
    const r = rewrites({ closedShadowShim: '', locales: [] }).find((x) => x.name === 'tags div → app-panel')!;
    expect(r.source!('<div>a</div>', c)).toBe('<style>app-panel{display:block}</style>\n<app-panel>a</app-panel>');
    expect(r.source!('<p>a</p>', c)).toBeNull();
  });
});

describe('class names', () => {
  it('renames consistently in attributes and selectors', () => {
    const out = renameClasses(
      '<style>.code,.btn-primary:hover{color:red} .x .code{}</style><span class="code big">1</span><b class=\'btn-primary\'></b>',
    )!;
    const code = /<span class="(\w+) (\w+)"/.exec(out)!;
    expect(code[1]).not.toBe('code');
    expect(out).toContain(`.${code[1]},`);
    expect(out).not.toMatch(/\.code|"code|btn-primary/);
  });
  it('does not apply when a script names classes', () => {
    expect(renameClasses('<span class="code">1</span><script>document.querySelector(".code")</script>')).toBeNull();
  });
});

describe('frames and defects', () => {
  it('iframe: the case becomes a same-origin srcdoc document with its language and the shadow shim', () => {
    const out = intoIframe('<p title="a&b">"x"</p>', { ...c, lang: 'lt' }, 'SHIM');
    expect(out).toContain('srcdoc="&lt;!doctype html>'.replace('&lt;', '<'));
    expect(out).toContain('lang=&quot;lt&quot;');
    expect(out).toContain('&lt;p'.replace('&lt;', '<') + ' title=&quot;a&amp;b&quot;>&quot;x&quot;');
    expect(out).toContain('<script>SHIM</script>');
  });
  it('grey with a given contrast, on light and dark backgrounds', () => {
    for (const bg of ['rgb(255, 255, 255)', 'rgb(11, 61, 145)', 'rgb(0, 0, 0)']) {
      const grey = greyWithContrast(bg, 2.5)!;
      const lum = (s: string) => {
        const x = rgb(parse(s)!);
        const f = (v: number) => (v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
        return 0.2126 * f(x.r) + 0.7152 * f(x.g) + 0.0722 * f(x.b);
      };
      const [a, b] = [lum(bg), lum(grey)].sort((p, q) => q - p);
      expect((a + 0.05) / (b + 0.05)).toBeGreaterThan(2.3);
      expect((a + 0.05) / (b + 0.05)).toBeLessThan(2.8);
    }
  });
  it('defects apply to passing cases of their own rule only, on the elements the audit found', () => {
    const list = rewrites({ closedShadowShim: '', locales: [] });
    const shrink = list.find((r) => r.name === 'code shrunk to 12 px')!;
    const finding = { outcome: 'pass', target: ['#c'], evidence: { code: '0041', background: 'rgb(255, 255, 255)' } };
    expect(shrink.dom!({ case: c, ownStatus: 'pass', ownFindings: [finding] })).toEqual({
      op: 'fontSize',
      arg: [{ target: ['#c'], px: 12 }],
    });
    expect(shrink.dom!({ case: c, ownStatus: 'review', ownFindings: [finding] })).toBeNull();
    expect(shrink.dom!({ case: { ...c, rule: 'cancel' }, ownStatus: 'pass', ownFindings: [finding] })).toBeNull();
    const disable = list.find((r) => r.name === 'cancel disabled: inert')!;
    expect(disable.dom!({ case: { ...c, rule: 'cancel' }, ownStatus: 'pass', ownFindings: [{ ...finding, evidence: {} }] })).toEqual({
      op: 'disable',
      arg: [{ target: ['#c'], how: 'inert' }],
    });
    for (const r of list.filter((x) => x.kind === 'defect')) expect(r.expect?.status).toBe('fail');
  });
});

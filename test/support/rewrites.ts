/**
 * Invariance rewrites (issue 9, item 6): ways of rewriting a fixture case that must not change its verdict
 * ('neutral': colour syntax, font-size units, wrapper tags, control kinds, class names, sibling order, shadow roots,
 * frames, UI language) and ways that must turn it into a failure ('defect'). Source rewrites are pure functions over the
 * case's HTML; where text rewriting is impractical a rewrite names a DOM step that runs inside the rendered page
 * (test/support/invariance-page.ts). Whether a neutral rewrite really is invisible is decided by screenshots, not here.
 */
import { converter, parse, colorsNamed, wcagLuminance, type Color } from 'culori';

export type RewriteKind = 'neutral' | 'defect';

/** One fixture case, as the fixture files hold it. */
export interface FixtureCase {
  rule: string;
  set: string;
  id: string;
  lang: string;
  viewport: { width: number; height: number };
  wait: number;
  html: string;
  expected: string;
}

/** A finding of the original audit, as far as defect rewrites need it. */
export interface OriginalFinding {
  outcome?: string;
  target: (string | string[])[];
  evidence: Record<string, unknown>;
}

/** What a rewrite may read: the case, and (for defects) the original audit of its own rule. */
export interface RewriteContext {
  case: FixtureCase;
  ownStatus: string;
  ownFindings: OriginalFinding[];
}

/** A step run in the rendered page (after load and the case's wait) by the page helper: operation name + argument. */
export interface DomStep {
  op: string;
  arg?: unknown;
}

export interface Rewrite {
  name: string;
  family: string;
  kind: RewriteKind;
  /** Defects: the rule whose cases they apply to and the status that rule must then report, with the reason. */
  rule?: string;
  expect?: { status: string; why: string };
  /** Evaluate the same snapshot in another UI language instead of re-rendering (no screenshot needed). */
  locale?: string;
  /** The rewritten source, or null when the rewrite does not change this case. */
  source?: (html: string, c: FixtureCase) => string | null;
  /** A step in the page, or null when it does not apply. */
  dom?: (ctx: RewriteContext) => DomStep | null;
}

// ---------------------------------------------------------------------------------------------------- HTML / CSS walking

/** Applies `fn` to every part of the markup that is not inside a <script> element. */
function outsideScripts(html: string, fn: (part: string) => string): string {
  const out: string[] = [];
  let last = 0;
  for (const m of html.matchAll(/<script\b[\s\S]*?<\/script\s*>/gi)) {
    out.push(fn(html.slice(last, m.index)), m[0]);
    last = m.index! + m[0].length;
  }
  out.push(fn(html.slice(last)));
  return out.join('');
}

/** Rewrites every style sheet (<style> contents) and every style="" attribute, with separate callbacks. */
export function mapCss(html: string, sheet: (css: string) => string, attribute: (decls: string) => string): string {
  return outsideScripts(html, (part) =>
    part
      .replace(/(<style\b[^>]*>)([\s\S]*?)(<\/style\s*>)/gi, (_, open: string, css: string, close: string) => open + sheet(css) + close)
      .replace(
        /(<[a-zA-Z][\w-]*\b[^<>]*?\sstyle\s*=\s*)("([^"]*)"|'([^']*)')/g,
        (_, head: string, _q: string, dq?: string, sq?: string) => {
          const quote = dq !== undefined ? '"' : "'";
          return `${head}${quote}${attribute(dq ?? sq ?? '')}${quote}`;
        },
      ),
  );
}

/** Splits a style sheet into selector preludes (before "{") and declaration blocks (before "}"). */
export function mapSheet(css: string, prelude: (text: string) => string, block: (text: string) => string): string {
  return css.replace(/([^{}]*)([{}])/g, (_, text: string, brace: string) => (brace === '{' ? prelude(text) : block(text)) + brace);
}

/** Rewrites each declaration `prop: value` of a declaration list with fn(prop, value) → new value. */
export function mapDeclarations(decls: string, fn: (prop: string, value: string) => string): string {
  return decls.replace(
    /(^|;)(\s*)(--[\w-]+|-?[a-zA-Z][\w-]*)(\s*:\s*)([^;]*)/g,
    (_, sep: string, ws: string, prop: string, colon: string, value: string) => sep + ws + prop + colon + fn(prop.toLowerCase(), value),
  );
}

/** Rewrites every declaration value, in sheets and style attributes alike. */
export function mapValues(html: string, fn: (prop: string, value: string) => string): string {
  const decls = (text: string) => mapDeclarations(text, fn);
  return mapCss(html, (css) => mapSheet(css, (p) => p, decls), decls);
}

// ---------------------------------------------------------------------------------------------------- colours

const COLOUR_PROPERTY = /color|background|border|outline|shadow|^fill$|^stroke$|^--|text-decoration|column-rule|^filter$|^caret|^accent/;
const NAMED = new Set(Object.keys(colorsNamed).concat('transparent'));
/** Hex, rgb()/rgba(), hsl()/hsla() and named colours, outside url() and strings. */
const COLOUR_TOKEN = /url\([^)]*\)|"[^"]*"|'[^']*'|#[0-9a-fA-F]{3,8}\b|\b(?:rgba?|hsla?)\([^()]*\)|(?<![\w-])[a-zA-Z]+(?![\w-(])/g;

/** Replaces each literal colour in colour-bearing declarations by fn(colour) (fn gets the parsed colour and the text). */
export function mapColours(html: string, fn: (colour: Color, text: string) => string): string {
  return mapValues(html, (prop, value) => {
    if (!COLOUR_PROPERTY.test(prop)) return value;
    return value.replace(COLOUR_TOKEN, (token) => {
      if (/^(url\(|"|')/i.test(token)) return token;
      if (/^[a-zA-Z]+$/.test(token) && !NAMED.has(token.toLowerCase())) return token;
      if (/^#/.test(token) && ![4, 5, 7, 9].includes(token.length)) return token;
      const colour = parse(token);
      return colour ? fn(colour, token) : token;
    });
  });
}

const toRgb = converter('rgb');
const num = (x: number | undefined, digits = 6) => {
  const v = Number((x ?? 0).toFixed(digits));
  return Object.is(v, -0) ? '0' : String(v);
};
const hue = (h: number | undefined) => num(h ?? 0, 6);
const alphaPart = (c: Color) => (c.alpha !== undefined && c.alpha < 1 ? ` / ${num(c.alpha, 4)}` : '');

/** Each target colour syntax, written from a parsed colour with enough precision to render the same 8-bit colour. */
export const colourFormats: Record<string, (c: Color) => string> = {
  rgb: (c) => {
    const r = toRgb(c);
    const ch = (x: number) => Math.round(Math.min(1, Math.max(0, x)) * 255);
    return r.alpha !== undefined && r.alpha < 1
      ? `rgba(${ch(r.r)}, ${ch(r.g)}, ${ch(r.b)}, ${num(r.alpha, 4)})`
      : `rgb(${ch(r.r)}, ${ch(r.g)}, ${ch(r.b)})`;
  },
  hsl: (c) => {
    const h = converter('hsl')(c);
    return `hsl(${hue(h.h)} ${num(h.s * 100)}% ${num(h.l * 100)}%${alphaPart(c)})`;
  },
  hwb: (c) => {
    const h = converter('hwb')(c);
    return `hwb(${hue(h.h)} ${num(h.w * 100)}% ${num(h.b * 100)}%${alphaPart(c)})`;
  },
  lab: (c) => {
    const l = converter('lab')(c);
    return `lab(${num(l.l)}% ${num(l.a)} ${num(l.b)}${alphaPart(c)})`;
  },
  lch: (c) => {
    const l = converter('lch')(c);
    return `lch(${num(l.l)}% ${num(l.c)} ${hue(l.h)}${alphaPart(c)})`;
  },
  oklab: (c) => {
    const l = converter('oklab')(c);
    return `oklab(${num(l.l, 7)} ${num(l.a, 7)} ${num(l.b, 7)}${alphaPart(c)})`;
  },
  oklch: (c) => {
    const l = converter('oklch')(c);
    return `oklch(${num(l.l, 7)} ${num(l.c, 7)} ${hue(l.h)}${alphaPart(c)})`;
  },
  'color(display-p3)': (c) => {
    const p = converter('p3')(c);
    return `color(display-p3 ${num(p.r, 7)} ${num(p.g, 7)} ${num(p.b, 7)}${alphaPart(c)})`;
  },
  'color(srgb)': (c) => {
    const r = toRgb(c);
    return `color(srgb ${num(r.r, 7)} ${num(r.g, 7)} ${num(r.b, 7)}${alphaPart(c)})`;
  },
  /** Two colours equally far on either side of the original, mixed half and half in sRGB: the original again. */
  'color-mix()': (c) => {
    const r = toRgb(c);
    const spread = (x: number) => Math.min(x, 1 - x) * 0.5;
    const side = (sign: number) => `rgb(${[r.r, r.g, r.b].map((x) => num((x + sign * spread(x)) * 255, 4)).join(' ')}${alphaPart(c)})`;
    return `color-mix(in srgb, ${side(-1)}, ${side(1)})`;
  },
};

/** Colours moved into custom properties on :root, each declaration reading var(--…). */
export function colourCustomProperties(html: string): string | null {
  const defs = new Map<string, string>();
  const rewritten = mapColours(html, (_, text) => {
    const key = text.toLowerCase();
    if (!defs.has(key)) defs.set(key, `--palette-${defs.size}`);
    return `var(${defs.get(key)})`;
  });
  if (!defs.size) return null;
  const root = `<style>:root{${[...defs].map(([value, name]) => `${name}: ${value};`).join(' ')}}</style>\n`;
  return root + rewritten;
}

// ---------------------------------------------------------------------------------------------------- font sizes

/** Rewrites each px font size (font-size, and the size in the font shorthand) with fn(px). */
export function mapFontSizes(html: string, fn: (px: number) => string): string {
  const px = /(?<![\w./-])(\d*\.?\d+)px\b/;
  return mapValues(html, (prop, value) => {
    if (prop === 'font-size') return value.replace(new RegExp(`^(\\s*)${px.source}`), (_, ws: string, n: string) => ws + fn(Number(n)));
    // font: [style] [weight] <size>[/<line-height>] <family>: the first px length not after a slash.
    if (prop === 'font') return value.replace(px, (_, n: string) => fn(Number(n)));
    return value;
  });
}

/** Whether the case sets the root element's font size (rem would then not be 16 px). */
export function setsRootFontSize(html: string): boolean {
  return /(^|[}\s,>])(html|:root)\s*\{[^}]*\bfont(-size)?\s*:/i.test(html) || /<html\b[^>]*style=/i.test(html);
}

// ---------------------------------------------------------------------------------------------------- tags

const MARKUP = /<(\/?)(div|section|article|aside)(?=[\s>/])/gi;

/** Renames the tags in `from` to `to` in the markup and in type selectors of the case's style sheets. */
export function swapTags(html: string, from: string[], to: string): string {
  const fromSet = new Set(from);
  const selector = new RegExp(`(^|[\\s,>+~(])(${from.join('|')})(?![\\w-])`, 'gi');
  return outsideScripts(html, (part) =>
    part
      .replace(MARKUP, (m, slash: string, tag: string) => (fromSet.has(tag.toLowerCase()) ? `<${slash}${to}` : m))
      .replace(
        /(<style\b[^>]*>)([\s\S]*?)(<\/style\s*>)/gi,
        (_, open: string, css: string, close: string) =>
          open +
          mapSheet(
            css,
            (p) => (p.trim().startsWith('@') ? p : p.replace(selector, (_, pre: string) => pre + to)),
            (b) => b,
          ) +
          close,
      ),
  );
}

/** The custom element used for the "custom element" swap, displayed as a block like the elements it replaces. */
export const CUSTOM_SECTION_TAG = 'app-panel';

// ---------------------------------------------------------------------------------------------------- class names

/** Renames every class token consistently (attributes and selectors) to opaque names, as CSS modules do. */
export function renameClasses(html: string): string | null {
  const names = new Map<string, string>();
  outsideScripts(html, (part) => {
    for (const m of part.matchAll(/\sclass\s*=\s*("([^"]*)"|'([^']*)')/gi)) {
      for (const token of (m[2] ?? m[3] ?? '').split(/\s+/).filter(Boolean))
        if (!names.has(token)) names.set(token, `k${(names.size * 7919 + 1013).toString(36)}`);
    }
    return part;
  });
  if (!names.size) return null;
  // Scripts that name classes would stop finding their elements: not a rewrite the user cannot see.
  const scripts = [...html.matchAll(/<script\b[\s\S]*?<\/script\s*>/gi)].map((m) => m[0]).join('\n');
  if (/class/i.test(scripts) || [...names.keys()].some((t) => new RegExp(`['".]${escapeRe(t)}\\b`).test(scripts))) return null;
  const selector = /\.(-?[_a-zA-Z][\w-]*)/g;
  return outsideScripts(html, (part) =>
    part
      .replace(/(\sclass\s*=\s*)("([^"]*)"|'([^']*)')/gi, (_, head: string, _q: string, dq?: string, sq?: string) => {
        const q = dq !== undefined ? '"' : "'";
        return (
          head +
          q +
          (dq ?? sq ?? '')
            .split(/(\s+)/)
            .map((t) => names.get(t) ?? t)
            .join('') +
          q
        );
      })
      .replace(
        /(<style\b[^>]*>)([\s\S]*?)(<\/style\s*>)/gi,
        (_, open: string, css: string, close: string) =>
          open +
          mapSheet(
            css,
            (p) => p.replace(selector, (m, name: string) => (names.has(name) ? `.${names.get(name)}` : m)),
            (b) => b,
          ) +
          close,
      ),
  );
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// ---------------------------------------------------------------------------------------------------- frames

/** The whole case moved into a same-origin frame (srcdoc) filling the page; the page helper sizes it to its content. */
export function intoIframe(html: string, c: FixtureCase, shim: string): string {
  const inner = `<!doctype html><html lang="${c.lang}"><head><meta charset="utf-8"><script>${shim}</script></head><body>${html}</body></html>`;
  const attr = inner.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
  return `<style>html,body{margin:0;padding:0}</style><iframe title="signing" data-invariance-frame srcdoc="${attr}" style="display:block;border:0;width:100%;height:100vh"></iframe>`;
}

// ---------------------------------------------------------------------------------------------------- defects

/** A grey whose contrast with `background` is `ratio`:1 (darker on light backgrounds, lighter on dark ones). */
export function greyWithContrast(background: string, ratio: number): string | null {
  const bg = parse(background);
  if (!bg) return null;
  const lb = wcagLuminance(bg);
  let lt = lb > 0.18 ? (lb + 0.05) / ratio - 0.05 : ratio * (lb + 0.05) - 0.05;
  lt = Math.min(1, Math.max(0, lt));
  const channel = lt <= 0.0031308 ? lt * 12.92 : 1.055 * lt ** (1 / 2.4) - 0.055;
  const v = Math.round(channel * 255);
  return `rgb(${v}, ${v}, ${v})`;
}

const passed = (ctx: RewriteContext, keep: (f: OriginalFinding) => boolean) =>
  ctx.ownStatus === 'pass' && ctx.case.expected === 'pass'
    ? ctx.ownFindings.filter((f) => f.outcome === 'pass' && f.target?.length && keep(f))
    : [];

function onFound(
  ctx: RewriteContext,
  keep: (f: OriginalFinding) => boolean,
  op: string,
  arg: (f: OriginalFinding) => unknown = () => undefined,
): DomStep | null {
  const found = passed(ctx, keep);
  return found.length ? { op, arg: found.map((f) => ({ target: f.target, ...(arg(f) as object) })) } : null;
}

const isCode = (f: OriginalFinding) => typeof f.evidence.code === 'string';

/**
 * A code defect hits the code wherever the page shows it: every finding that locates the same code. A page that
 * shows the code more often than the findings locate it is left out — a copy left intact is still a readable code,
 * and the honest verdict for "one copy hidden, one shown" is not the defect's.
 */
function onCode(
  ctx: RewriteContext,
  keep: (f: OriginalFinding) => boolean,
  op: string,
  arg: (f: OriginalFinding) => unknown = () => undefined,
): DomStep | null {
  const found = passed(ctx, (f) => isCode(f) && keep(f));
  if (!found.length) return null;
  const codes = new Set(found.map((f) => String(f.evidence.code)));
  const seen = new Set<string>();
  const all = [...found, ...ctx.ownFindings.filter((f) => f.target?.length && codes.has(String(f.evidence.code)))].filter((f) => {
    const key = JSON.stringify(f.target);
    return !seen.has(key) && !!seen.add(key);
  });
  const text = ctx.case.html.replace(/<style[\s\S]*?<\/style>|<script[\s\S]*?<\/script>/gi, ' ').replace(/<[^>]*>/g, ' ');
  for (const code of codes) {
    const shown = text.match(new RegExp(`(?<!\\d)${code}(?!\\d)`, 'g'))?.length ?? 0;
    if (shown > all.filter((f) => f.evidence.code === code).length) return null;
  }
  return {
    op,
    // Each copy is changed from its own evidence (its background) when it has it, else from the passing copy's.
    arg: all.map((f) => ({
      target: f.target,
      ...(arg(keep(f) ? f : (found.find((p) => p.evidence.code === f.evidence.code) ?? f)) as object),
    })),
  };
}
const isLogo = (f: OriginalFinding) => f.evidence.kind === 'logo';
const any = () => true;

// ---------------------------------------------------------------------------------------------------- the list

const changed = (before: string, after: string | null) => (after === null || after === before ? null : after);

export function rewrites(opts: { closedShadowShim: string; locales: string[] }): Rewrite[] {
  const list: Rewrite[] = [];
  for (const [format, write] of Object.entries(colourFormats)) {
    list.push({
      name: `colour → ${format}`,
      family: 'colour',
      kind: 'neutral',
      source: (html) =>
        changed(
          html,
          mapColours(html, (c) => write(c)),
        ),
    });
  }
  list.push({
    name: 'colour → custom properties',
    family: 'colour',
    kind: 'neutral',
    source: (html) => changed(html, colourCustomProperties(html)),
  });

  list.push({
    name: 'font-size px → rem',
    family: 'font-size',
    kind: 'neutral',
    source: (html) =>
      setsRootFontSize(html)
        ? null
        : changed(
            html,
            mapFontSizes(html, (px) => `${num(px / 16)}rem`),
          ),
  });
  list.push({
    name: 'font-size px → pt',
    family: 'font-size',
    kind: 'neutral',
    source: (html) =>
      changed(
        html,
        mapFontSizes(html, (px) => `${num(px * 0.75)}pt`),
      ),
  });
  list.push({
    name: 'font-size px → vw',
    family: 'font-size',
    kind: 'neutral',
    source: (html, c) =>
      changed(
        html,
        mapFontSizes(html, (px) => `${num((px * 100) / c.viewport.width, 8)}vw`),
      ),
  });
  list.push({
    name: 'font-size → em (every element, in the page)',
    family: 'font-size',
    kind: 'neutral',
    dom: () => ({ op: 'fontSizesInEm' }),
  });

  for (const to of ['section', 'article', 'aside', CUSTOM_SECTION_TAG]) {
    list.push({
      name: `tags div → ${to}`,
      family: 'tags',
      kind: 'neutral',
      source: (html) => {
        const out = changed(html, swapTags(html, ['div'], to));
        return out && to === CUSTOM_SECTION_TAG ? `<style>${to}{display:block}</style>\n${out}` : out;
      },
    });
  }
  list.push({
    name: 'tags section/article/aside → div',
    family: 'tags',
    kind: 'neutral',
    source: (html) => changed(html, swapTags(html, ['section', 'article', 'aside'], 'div')),
  });

  for (const kind of ['button', 'a[href]', 'input', 'div[role=button]']) {
    list.push({ name: `controls → ${kind}`, family: 'controls', kind: 'neutral', dom: () => ({ op: 'swapControls', arg: kind }) });
  }
  list.push({ name: 'class names renamed', family: 'classes', kind: 'neutral', source: (html) => renameClasses(html) });
  list.push({
    name: 'siblings reordered (flex/grid order kept)',
    family: 'order',
    kind: 'neutral',
    dom: () => ({ op: 'reorderSiblings' }),
  });
  list.push({
    name: 'panel in open shadow root',
    family: 'encapsulation',
    kind: 'neutral',
    dom: () => ({ op: 'intoShadow', arg: 'open' }),
  });
  list.push({
    name: 'panel in closed shadow root',
    family: 'encapsulation',
    kind: 'neutral',
    dom: () => ({ op: 'intoShadow', arg: 'closed' }),
  });
  list.push({
    name: 'panel in same-origin iframe',
    family: 'encapsulation',
    kind: 'neutral',
    source: (html, c) => intoIframe(html, c, opts.closedShadowShim),
    dom: () => ({ op: 'sizeFrame' }),
  });
  for (const locale of opts.locales) list.push({ name: `UI language ${locale}`, family: 'ui-language', kind: 'neutral', locale });

  const codeRule = 'control-code';
  list.push({
    name: 'code shrunk to 12 px',
    family: 'defect',
    kind: 'defect',
    rule: codeRule,
    expect: { status: 'fail', why: 'a code under 14 px fails' },
    dom: (ctx) =>
      ctx.case.rule === codeRule
        ? onCode(
            ctx,
            () => true,
            'fontSize',
            () => ({ px: 12 }),
          )
        : null,
  });
  list.push({
    name: 'code faded to 2.5:1',
    family: 'defect',
    kind: 'defect',
    rule: codeRule,
    expect: { status: 'fail', why: 'contrast under 3:1 fails (3–4.5 is review)' },
    dom: (ctx) => {
      if (ctx.case.rule !== codeRule) return null;
      return onCode(
        ctx,
        (f) => typeof f.evidence.background === 'string' && !!greyWithContrast(String(f.evidence.background), 2.5),
        'colour',
        (f) => ({ colour: greyWithContrast(String(f.evidence.background), 2.5) }),
      );
    },
  });
  list.push({
    name: 'code covered by an overlay',
    family: 'defect',
    kind: 'defect',
    rule: codeRule,
    expect: { status: 'fail', why: 'a code covered at its centre is not visible' },
    dom: (ctx) =>
      ctx.case.rule === codeRule
        ? onCode(
            ctx,
            () => true,
            'cover',
            (f) => ({ background: f.evidence.background }),
          )
        : null,
  });
  for (const how of ['disabled', 'aria-disabled', 'inert', 'pointer-events:none']) {
    list.push({
      name: `cancel disabled: ${how}`,
      family: 'defect',
      kind: 'defect',
      rule: 'cancel',
      expect: { status: 'fail', why: `a cancel control disabled by ${how} (and greyed to opacity .5 so it shows) fails` },
      dom: (ctx) => (ctx.case.rule === 'cancel' ? onFound(ctx, any, 'disable', () => ({ how })) : null),
    });
  }
  const logo = (name: string, op: string, why: string) =>
    list.push({
      name,
      family: 'defect',
      kind: 'defect',
      rule: 'brand-logo',
      expect: { status: 'fail', why },
      dom: (ctx) => (ctx.case.rule === 'brand-logo' ? onFound(ctx, isLogo, op) : null),
    });
  logo('logo stretched 1.5× wide', 'stretchLogo', 'a logo off its natural aspect ratio by more than 2 % fails');
  logo('logo hue-rotated 90°', 'hueLogo', 'a logo drawn through a filter fails');
  logo('logo shrunk to 12 px high', 'shrinkLogo', 'a logo under 20 px high fails');
  return list;
}

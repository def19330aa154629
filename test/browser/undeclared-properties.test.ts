/**
 * The walk leaves out the properties no style of the page declares (src/audit/gather/undeclared.ts: transform, rotate,
 * scale, filter, mix-blend-mode, zoom, content-visibility, opacity), taking their initial values. Every way a page can
 * set one must be found: a rule anywhere in a stylesheet (nested, imported, adopted, in a shadow root), `all`, an
 * animation, a style attribute, the browser's own stylesheet — and a stylesheet that cannot be read counts as setting
 * them all. Each page here sets one in one of those ways; the property must count as declared, and the walk must read
 * what a walk reading every property reads, the effect included (the sliced-gather test compares both walks on every
 * rule fixture too).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { buildEngineBundle } from '../support/engine-bundle';
import { CLOSED_SHADOW_SHIM, launchHeadless } from '../support/chromium';
import type { FrameSnapshot, SnapNode } from '../../src/audit/types';
import { UNDECLARED } from '../../src/audit/gather/undeclared';

let browser: Browser;
let page: Page;
let engine: string;

const ORIGIN = 'http://signing.test';
const OTHER = 'http://cdn.other.test';
const EVERY = Object.values(UNDECLARED).reduce((a, b) => a | b, 0);

beforeAll(async () => {
  engine = await buildEngineBundle();
  browser = await launchHeadless();
  page = await browser.newPage();
  // Closed shadow roots reachable, as chrome.dom.openOrClosedShadowRoot reaches them for the content script.
  await page.addInitScript(CLOSED_SHADOW_SHIM);
  // Pages and stylesheets served here (no network): one origin for the page, another for a stylesheet it cannot read.
  await page.route('**/*', (route) => {
    const url = new URL(route.request().url());
    const css = served.get(url.href);
    if (css !== undefined) return route.fulfill({ contentType: url.pathname.endsWith('.css') ? 'text/css' : 'text/html', body: css });
    return route.fulfill({ status: 404, body: '' });
  });
});

afterAll(async () => {
  await browser?.close();
});

const served = new Map<string, string>();

/** Opens `body` (with `head` styles) at the page's origin and injects the engine; `script` runs in the page first. */
async function open(body: string, head = '', script = ''): Promise<void> {
  served.set(`${ORIGIN}/`, `<!doctype html><html lang="lt"><head><meta charset="utf-8">${head}</head><body>${body}</body></html>`);
  await page.goto(`${ORIGIN}/`, { waitUntil: 'load' });
  if (script) await page.evaluate(script);
  await page.addScriptTag({ content: engine });
}

const undeclared = (hostId?: string) => page.evaluate((id) => window.__wysiwysAudit.undeclared(id), hostId);

function content(s: FrameSnapshot) {
  const { gatheredAt: _at, gatherMs: _ms, ...rest } = s;
  return rest;
}

/** The usual walk and one reading every property: the same snapshot. Returns the usual one. */
async function gatherBothWays(): Promise<FrameSnapshot> {
  const { usual, everything } = await page.evaluate(() => ({
    usual: window.__wysiwysAudit.gatherTop(),
    everything: window.__wysiwysAudit.gatherTopReadingEverything(),
  }));
  expect(content(usual)).toEqual(content(everything));
  return usual;
}

const withText = (s: FrameSnapshot, text: string): SnapNode | undefined => s.nodes.find((n) => n.text === text);

describe('the properties no style declares', () => {
  it('are all of them on a page whose styles set none, and the walk reads the same without them', async () => {
    await open(
      '<main><h1>Pasirašymas</h1><p>Kontrolinis kodas <b>4821</b></p><button>Atšaukti</button></main>',
      '<style>p{color:#333}</style>',
    );
    expect(await undeclared()).toBe(EVERY);
    expect(withText(await gatherBothWays(), '4821')?.layout?.hidden).toBeUndefined();
  });

  const byRule: [string, string, number][] = [
    ['a plain rule', '.x{opacity:.5}', UNDECLARED.opacity],
    ['a prefixed alias', '.x{-webkit-transform:rotate(3deg)}', UNDECLARED.transform],
    ['a rule inside @media that does not apply now', '@media print{.x{zoom:2}}', UNDECLARED.zoom],
    ['a nested rule inside @layer and @supports', '@layer a{@supports (display:grid){.x{.y{rotate:3deg}}}}', UNDECLARED.rotate],
    ['a keyframe', '@keyframes grow{from{scale:.5}to{scale:1}}', UNDECLARED.scale],
    ['a mix-blend-mode rule', '.x{mix-blend-mode:multiply}', UNDECLARED.mixBlendMode],
    ['a content-visibility rule', '.x{content-visibility:auto}', UNDECLARED.contentVisibility],
    ['a filter rule', '.x{filter:blur(1px)}', UNDECLARED.filter],
  ];
  for (const [how, css, bit] of byRule)
    it(`count one as declared when ${how} sets it`, async () => {
      await open('<p class="x">Kodas 4821</p>', `<style>${css}</style>`);
      expect(await undeclared()).toBe(EVERY & ~bit);
    });

  it('count all as declared where `all` sets them', async () => {
    await open('<p class="x">Kodas 4821</p>', '<style>.x{all:unset}</style>');
    expect(await undeclared()).toBe(0);
  });

  it('count as declared what an imported stylesheet sets, and all of them behind a stylesheet of another origin', async () => {
    served.set(`${ORIGIN}/imported.css`, '.x{opacity:.5}');
    await open('<p class="x">Kodas 4821</p>', '<style>@import url("/imported.css");</style>');
    expect(await undeclared()).toBe(EVERY & ~UNDECLARED.opacity);
    served.set(`${OTHER}/theme.css`, '.y{color:red}');
    await open('<p class="x">Kodas 4821</p>', `<link rel="stylesheet" href="${OTHER}/theme.css">`);
    // Its rules cannot be read: it may set any of them.
    expect(await undeclared()).toBe(0);
    await gatherBothWays();
    // A font service's stylesheet cannot be read either, but holds @font-face rules only.
    served.set('https://fonts.googleapis.com/css2?family=Inter', '@font-face{font-family:"Inter";src:local("Arial")}');
    await open('<p class="x">Kodas 4821</p>', '<link rel="stylesheet" href="https://fonts.googleapis.com/css2?family=Inter">');
    expect(await undeclared()).toBe(EVERY);
    await gatherBothWays();
  });

  it('count as declared what an adopted stylesheet sets, and its effect is read', async () => {
    await open(
      '<div class="w"><img alt="Smart-ID" width="40" height="40" src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></div>',
      '',
      `(() => { const s = new CSSStyleSheet(); s.replaceSync('.w{filter:grayscale(1)}'); document.adoptedStyleSheets = [s]; })()`,
    );
    expect(await undeclared()).toBe(EVERY & ~UNDECLARED.filter);
    const img = (await gatherBothWays()).nodes.find((n) => n.tag === 'img');
    expect(img?.layout?.visual?.effects).toContain('filter: grayscale(1)');
  });

  it('count as declared what a running animation sets, and its effect is read', async () => {
    await open(
      '<p id="code">Kodas 4821</p>',
      '',
      `document.getElementById('code').animate([{ opacity: 0 }, { opacity: 0 }], { duration: 1e7, fill: 'forwards' })`,
    );
    expect(await undeclared()).toBe(EVERY & ~UNDECLARED.opacity);
    expect(withText(await gatherBothWays(), 'Kodas 4821')?.layout?.hidden).toBe('opacity');
  });

  it('read what an element’s own style attribute sets', async () => {
    await open(
      '<p style="opacity: 0">Kodas 4821</p><div style="rotate: 90deg"><img alt="Mobiil-ID" width="40" height="20" src="data:,"></div>',
    );
    expect(await undeclared()).toBe(EVERY);
    const read = await gatherBothWays();
    expect(withText(read, 'Kodas 4821')?.layout?.hidden).toBe('opacity');
    expect(read.nodes.find((n) => n.tag === 'img')?.layout?.visual?.effects).toContain('rotate: 90deg');
  });

  it('read what a shadow root’s stylesheet sets on its host (:host), on what it slots (::slotted) and inside it', async () => {
    await open(
      '<div id="host"><span id="slotted">Kodas 4821</span></div><div id="other"><p>Atšaukti</p></div>',
      '',
      `(() => {
        const root = document.getElementById('host').attachShadow({ mode: 'closed' });
        root.innerHTML = '<style>:host{opacity:.5} ::slotted(span){opacity:0}</style><p>7730</p><slot></slot>';
        const plain = document.getElementById('other').attachShadow({ mode: 'open' });
        plain.innerHTML = '<p>Atšaukti</p>';
      })()`,
    );
    expect(await undeclared()).toBe(EVERY);
    expect(await undeclared('host')).toBe(EVERY & ~UNDECLARED.opacity);
    expect(await undeclared('other')).toBe(EVERY);
    const read = await gatherBothWays();
    expect(withText(read, 'Kodas 4821')?.layout?.hidden).toBe('opacity');
    // The host's own opacity reaches the digits inside: painted at half their alpha, not taken for opaque.
    const inside = withText(read, '7730');
    expect(inside?.layout?.hidden).toBeUndefined();
    expect(inside?.layout?.color).toMatch(/, 0\.5\)$/);
  });

  it('read what a ::part() rule of the document sets inside a shadow root', async () => {
    await open(
      '<div id="host"></div>',
      '<style>#host::part(code){opacity:0}</style>',
      `document.getElementById('host').attachShadow({ mode: 'open' }).innerHTML = '<p part="code">Kodas 4821</p>'`,
    );
    expect(await undeclared()).toBe(EVERY & ~UNDECLARED.opacity);
    expect(withText(await gatherBothWays(), 'Kodas 4821')?.layout?.hidden).toBe('opacity');
  });

  it('read what the browser’s own stylesheet sets: hidden="until-found" hides by content-visibility, a disabled <select> is faded', async () => {
    await open('<div hidden="until-found"><p>Kodas 4821</p></div><select disabled><option>Smart-ID</option></select>');
    expect(await undeclared()).toBe(EVERY);
    // (The select's fading is in its colour, which the comparison with a walk reading every property covers.)
    const read = await gatherBothWays();
    expect(withText(read, 'Kodas 4821')?.layout?.hidden).toBe('content-visibility');
    expect(read.nodes.find((n) => n.tag === 'select')?.layout?.color).toBeDefined();
  });
});

/**
 * The page cannot read, hide or imitate our panel. Hostile pages remove its host, restyle it, close its popover,
 * cover it with their own top-layer dialog, style every element away (`*`, `:not(:defined)`, attribute and tag
 * selectors, all !important), replace <html>, or are SVG documents: the panel is on top at its place each time
 * (what the page's own hit-testing finds there is our host), the host carries no state, and what the page did is
 * reported. What cannot be undone (the page hides its own root) is reported as unrepaired and the popup says so.
 * The popup and the panel show the same session mark, which is nowhere in the page's DOM.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { auditUrl } from '../../src/cli/audit';
import { launchWithExtension, type ExtensionSession } from '../../src/cli/launch';
import type { SurfaceProbe, TamperState, TamperSurface } from '../../src/shared/messages';

type Hooks = {
  wysiwys: {
    togglePanel(tabId: number, show?: boolean): Promise<{ shown: boolean }>;
    probe(tabId: number, frameId?: number): Promise<SurfaceProbe | null>;
    tamper(tabId: number): Partial<Record<TamperSurface, TamperState>>;
    sessionMark(): Promise<string>;
  };
};

const VIEWPORT = { width: 1280, height: 900 };
/** A point inside the panel: it opens at the bottom right, 16 px from the edges, 340 px wide. */
const PANEL_POINT = { x: VIEWPORT.width - 16 - 170, y: VIEWPORT.height - 16 - 30 };

const STEP = `<h1>Sign the contract</h1><section><p>Verification code</p><p style="font-size:40px">0041</p>
  <p>Make sure the code matches the one in your Smart-ID app.</p><button>Cancel</button></section>`;
const html = (head: string, script = '') =>
  `<!doctype html><html lang="en"><head>${head}</head><body>${STEP}<script>${script}</script></body></html>`;

const pages: Record<string, { type: string; body: string }> = {
  '/plain.html': { type: 'text/html', body: html('') },
  // Styles every element away, ours included, with every selector trick: only an inline !important beats them.
  '/aggressive-css.html': {
    type: 'text/html',
    body: html(`<style>
      body * , body { }
      :not(:defined), *:not(html):not(head):not(body):not(h1):not(section):not(p):not(button):not(script):not(style),
      [popover], [style], html > :last-child, wysiwys-auditor-panel, wysiwys-auditor-overlay, *:popover-open {
        all: unset !important; display: none !important; visibility: hidden !important; opacity: 0 !important;
        transform: scale(0) !important; clip-path: inset(50%) !important; position: absolute !important; left: -9999px !important; }
      :root { --x: 1; }
    </style>`),
  },
  // Script attacks, over and over: remove, restyle, close the popover, cover it with a modal dialog of its own.
  '/hostile-script.html': {
    type: 'text/html',
    body: html(
      '',
      `
      const isOurs = (el) => el && /^WYSIWYS-/.test(el.tagName);
      let round = 0;
      setInterval(() => {
        const host = [...document.documentElement.children].find(isOurs);
        if (!host) return;
        round++;
        if (round % 4 === 1) host.remove();
        else if (round % 4 === 2) { host.setAttribute('style', 'display:none !important'); host.setAttribute('hidden', ''); }
        else if (round % 4 === 3) { try { host.hidePopover(); } catch {} }
        else {
          const dialog = document.createElement('dialog');
          dialog.style.cssText = 'width:100vw;height:100vh;max-width:none;max-height:none;margin:0;padding:0;border:0;background:#ffcc00';
          dialog.textContent = 'Looks like nothing is here';
          document.body.append(dialog);
          dialog.showModal();
        }
      }, 300);
      window.__rounds = () => round;`,
    ),
  },
  // Throws the whole document element away and builds a new one.
  '/replaced-root.html': {
    type: 'text/html',
    body: html(
      '',
      `
      window.replaceRoot = () => {
        const fresh = document.createElement('html');
        fresh.innerHTML = '<head></head><body>' + document.body.innerHTML + '</body>';
        document.replaceChild(fresh, document.documentElement);
      };`,
    ),
  },
  // Hides its own root: nothing of the page is seen, and nothing of ours can be.
  '/hide-root.html': {
    type: 'text/html',
    body: html(
      '',
      `window.hideRoot = () => { const s = document.createElement('style'); s.textContent = 'html { display: none !important; }'; document.head.append(s); };`,
    ),
  },
  // The literal "style everything away", <html> included: nothing of the page is drawn, nor can ours be.
  '/star-css.html': { type: 'text/html', body: html('<style>* { all: unset !important; display: none !important }</style>') },
  '/image.svg': {
    type: 'image/svg+xml',
    body: `<svg xmlns="http://www.w3.org/2000/svg" width="1280" height="900" viewBox="0 0 1280 900">
      <rect width="1280" height="900" fill="#eef"/><text x="40" y="80" font-size="32">Verification code</text>
      <text x="40" y="140" font-size="48">0041</text></svg>`,
  },
};

let session: ExtensionSession;
let server: http.Server;
let base = '';

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const page = pages[(req.url ?? '/').split('?')[0]];
    if (!page) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': `${page.type}; charset=utf-8`, 'cache-control': 'no-store' }).end(page.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  session = await launchWithExtension({ hostPermissions: ['http://127.0.0.1/*', 'http://localhost/*'] });
});

afterAll(async () => {
  await session?.close();
  await new Promise<void>((resolve) => {
    server?.closeAllConnections();
    server?.close(() => resolve());
  });
});

const probe = (tabId: number) => session.worker.evaluate((id) => (globalThis as unknown as Hooks).wysiwys.probe(id, 0), tabId);
const tamper = (tabId: number) => session.worker.evaluate((id) => (globalThis as unknown as Hooks).wysiwys.tamper(id), tabId);

async function withPanel(path: string): Promise<{ tabId: number; page: Page }> {
  const { tabId, page } = await auditUrl(session, `${base}${path}`, { viewport: VIEWPORT, keepOpen: true });
  await page.bringToFront();
  await session.worker.evaluate((id) => (globalThis as unknown as Hooks).wysiwys.togglePanel(id, true), tabId);
  await expect.poll(async () => (await probe(tabId))?.panel?.shown ?? false, { timeout: 8000 }).toBe(true);
  return { tabId, page };
}

/** What the page itself finds on top at the panel's place (our closed shadow root shows as its host). */
const topAtPanel = (page: Page) =>
  page.evaluate(({ x, y }) => document.elementsFromPoint(x, y)[0]?.tagName.toLowerCase() ?? '', PANEL_POINT);

/**
 * Our panel is what is drawn at its place. Under a page's modal dialog everything else is inert, ours too, and the
 * page's hit-testing passes through it: then the pixels say whether the dialog (#ffcc00) or the panel is on top.
 */
async function panelOnTop(page: Page): Promise<boolean> {
  if ((await topAtPanel(page)) === 'wysiwys-auditor-panel') return true;
  if (!(await page.evaluate(() => !!document.querySelector(':modal')))) return false;
  const [r, g, b] = PNG.sync.read(await page.screenshot({ clip: { ...PANEL_POINT, width: 1, height: 1 } })).data;
  return !(r > 240 && Math.abs(g - 204) < 12 && b < 20);
}

describe('tamper-evident panel', () => {
  it('keeps no state on its host and shows the same session mark as the popup, painted where the page cannot read it', async () => {
    const { tabId, page } = await withPanel('/plain.html');
    expect(await topAtPanel(page)).toBe('wysiwys-auditor-panel');
    const mark = await session.worker.evaluate(() => (globalThis as unknown as Hooks).wysiwys.sessionMark());
    expect(mark).toMatch(/^[a-z]{6}-\d{2}$/);
    expect((await probe(tabId))?.panel?.mark).toBe(mark);
    const seenByPage = await page.evaluate(() => {
      const host = document.querySelector('wysiwys-auditor-panel')!;
      return {
        attributes: host.getAttributeNames().sort(),
        html: document.documentElement.outerHTML,
        text: document.documentElement.innerText,
        open: host.shadowRoot,
      };
    });
    expect(seenByPage.attributes).toEqual(['popover', 'style']);
    expect(seenByPage.open).toBeNull();
    for (const secret of [mark, '0041:']) expect(seenByPage.html + seenByPage.text).not.toContain(secret);
    // Not even the browser's text search finds the mark: it is painted, not text.
    expect(await page.evaluate((m) => (window as unknown as { find(s: string): boolean }).find(m), mark)).toBe(false);

    const popup = await session.context.newPage();
    await popup.goto(`chrome-extension://${session.extensionId}/${session.manifest.action.default_popup}?tabId=${tabId}`);
    await expect.poll(() => popup.locator('#session-mark .mark').textContent()).toBe(mark);
    await popup.close();
    await page.close();
  });

  it('stays visible and on top against page CSS that styles every element away', async () => {
    const { tabId, page } = await withPanel('/aggressive-css.html');
    await page.waitForTimeout(600);
    expect(await topAtPanel(page)).toBe('wysiwys-auditor-panel');
    expect((await tamper(tabId)).panel?.unrepaired ?? false).toBe(false);
    await page.close();
  });

  it('comes back on top when a script removes, restyles, closes or covers it, and reports it', async () => {
    const { tabId, page } = await withPanel('/hostile-script.html');
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { __rounds(): number }).__rounds()), { timeout: 8000 })
      .toBeGreaterThanOrEqual(8);
    // Between the page's attacks (every 300 ms) the panel is back on top each time we look.
    for (let i = 0; i < 5; i++) {
      await page.waitForTimeout(170);
      await expect.poll(() => panelOnTop(page), { timeout: 1000, interval: 50 }).toBe(true);
    }
    expect(await page.locator('wysiwys-auditor-panel').count()).toBe(1);
    const state = (await tamper(tabId)).panel!;
    expect(state.count).toBeGreaterThanOrEqual(4);
    expect(['removed', 'restyled', 'hidden', 'covered']).toContain(state.reason);
    await page.close();
  });

  it('comes back when the page replaces its <html>', async () => {
    const { tabId, page } = await withPanel('/replaced-root.html');
    await page.evaluate(() => (window as unknown as { replaceRoot(): void }).replaceRoot());
    await expect
      .poll(() => page.evaluate(() => document.documentElement.querySelectorAll(':scope > wysiwys-auditor-panel').length), {
        timeout: 3000,
      })
      .toBe(1);
    await expect.poll(() => topAtPanel(page), { timeout: 3000 }).toBe('wysiwys-auditor-panel');
    expect((await tamper(tabId)).panel?.reason).toBe('removed');
    await page.close();
  });

  it('is drawn on an SVG document', async () => {
    const { page } = await withPanel('/image.svg');
    expect(await page.evaluate(() => document.documentElement.localName)).toBe('svg');
    await expect.poll(() => topAtPanel(page), { timeout: 3000 }).toBe('wysiwys-auditor-panel');
    await page.close();
  });

  it('reports what it cannot undo, and the popup says the page hid the panel', async () => {
    const { tabId, page } = await withPanel('/hide-root.html');
    await page.evaluate(() => (window as unknown as { hideRoot(): void }).hideRoot());
    await expect.poll(async () => (await tamper(tabId)).panel?.unrepaired ?? false, { timeout: 3000 }).toBe(true);
    expect((await tamper(tabId)).panel?.reason).toBe('hidden');
    const popup = await session.context.newPage();
    await popup.goto(`chrome-extension://${session.extensionId}/${session.manifest.action.default_popup}?tabId=${tabId}`);
    await expect.poll(() => popup.locator('#tamper-panel').getAttribute('data-unrepaired'), { timeout: 4000 }).toBe('true');
    expect(await popup.locator('#tamper-panel').textContent()).toContain('The page hid the panel');
    await popup.close();
    await page.close();
  });

  it('reports a page that styles every element away, <html> included, as hiding it', async () => {
    const { tabId, page } = await withPanel('/star-css.html');
    await expect
      .poll(async () => (await tamper(tabId)).panel ?? null, { timeout: 3000 })
      .toMatchObject({ unrepaired: true, reason: 'hidden' });
    await page.close();
  });

  it('outlines come back on top too', async () => {
    const { tabId, page } = await auditUrl(session, `${base}/hostile-script.html`, { viewport: VIEWPORT, keepOpen: true });
    await page.bringToFront();
    type Evidence = { wysiwys: { showEvidence(tabId: number): number } };
    await expect
      .poll(() => session.worker.evaluate((id) => (globalThis as unknown as Evidence).wysiwys.showEvidence(id), tabId), { timeout: 5000 })
      .toBeGreaterThan(0);
    await expect.poll(async () => (await tamper(tabId)).overlay?.count ?? 0, { timeout: 8000 }).toBeGreaterThanOrEqual(3);
    await page.waitForTimeout(200);
    await expect
      .poll(() => page.evaluate(() => document.documentElement.querySelectorAll(':scope > wysiwys-auditor-overlay:popover-open').length), {
        timeout: 1000,
        interval: 50,
      })
      .toBe(1);
    expect((await probe(tabId))?.overlay?.count).toBeGreaterThan(0);
    await page.close();
  });
});

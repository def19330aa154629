/**
 * Our own UI is accessible: axe-core finds no violations in the popup (with a report), the settings page, the review
 * page (empty and with a review) and the on-page panel; every control is reachable by keyboard with a visible focus
 * indicator; the panel announces its status politely.
 * axe is evaluated through the DevTools protocol (page.evaluate), which extension pages' CSP does not block.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import type { AxeResults } from 'axe-core';
import { startDemo, type DemoServer } from '../../demo/server';
import { auditUrl } from '../../src/cli/audit';
import { launchWithExtension, type ExtensionSession } from '../../src/cli/launch';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const VIEWPORT = { width: 1280, height: 900 };
type Hooks = { wysiwys: { togglePanel(tabId: number, show?: boolean): Promise<{ shown: boolean }> } };

let demo: DemoServer;
let session: ExtensionSession;

beforeAll(async () => {
  demo = await startDemo();
  session = await launchWithExtension({ hostPermissions: ['http://127.0.0.1/*', 'http://localhost/*'] });
});

afterAll(async () => {
  await session?.close();
  await demo?.close();
});

/** axe's violations as "rule: targets" lines, so a failure says what and where; `checked` counts the nodes it passed. */
async function axeRun(page: Page, context?: unknown): Promise<{ violations: string[]; checked: string[] }> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const json = await page.evaluate(async (ctx) => {
    const axe = (window as unknown as { axe: { run(c: unknown, o: unknown): Promise<unknown> } }).axe;
    return JSON.stringify(await axe.run(ctx ?? document, { resultTypes: ['violations', 'passes'] }));
  }, context);
  const results = JSON.parse(json) as AxeResults;
  return {
    violations: results.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`),
    checked: results.passes.flatMap((p) => p.nodes.map((n) => JSON.stringify(n.target))),
  };
}

async function violations(page: Page, context?: unknown): Promise<string[]> {
  return (await axeRun(page, context)).violations;
}

/**
 * Tabs through the page and returns each focused control that shows no focus indicator (no outline and no
 * box-shadow), and how many controls were reached. Stops when focus comes back round.
 */
async function unfocusable(page: Page, max = 80): Promise<{ reached: number; invisible: string[] }> {
  const seen = new Set<string>();
  const invisible: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const focus = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      const path = (e: Element): string => {
        const parent = e.parentElement;
        return parent ? `${path(parent)}>${e.tagName.toLowerCase()}:${[...parent.children].indexOf(e)}` : e.tagName.toLowerCase();
      };
      const style = getComputedStyle(el);
      const outline = style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) > 0;
      return { path: path(el), visible: outline || style.boxShadow !== 'none', visibleFocus: el.matches(':focus-visible') };
    });
    if (!focus) continue;
    if (seen.has(focus.path)) break;
    seen.add(focus.path);
    if (!focus.visible || !focus.visibleFocus) invisible.push(focus.path);
  }
  return { reached: seen.size, invisible };
}

async function openPopup(tabId: number): Promise<Page> {
  const popup = await session.context.newPage();
  await popup.setViewportSize({ width: 460, height: 900 });
  await popup.goto(`chrome-extension://${session.extensionId}/${session.manifest.action.default_popup}?tabId=${tabId}`);
  await popup.waitForSelector('#checks li.check');
  return popup;
}

describe('accessibility of our own UI (axe-core)', () => {
  it('the popup with a report: no violations with findings and the timeline open; keyboard reaches every control with visible focus', async () => {
    const audit = await auditUrl(session, `${demo.siteUrl}/sign-covered-code.html`, { viewport: VIEWPORT, keepOpen: true });
    const popup = await openPopup(audit.tabId);
    // What a reviewer opens: a check's evidence and the timeline with its scrolling list.
    await popup.locator('#checks li.check[data-status="pass"] > button.row').first().click();
    await popup.locator('#timeline > summary').click();
    expect(await violations(popup)).toEqual([]);
    const keyboard = await unfocusable(popup);
    expect(keyboard.invisible).toEqual([]);
    expect(keyboard.reached).toBeGreaterThan(10);
    await popup.close();
    await audit.page.close();
  });

  it('the settings page: no violations; every control reachable with visible focus', async () => {
    const page = await session.context.newPage();
    await page.goto(`chrome-extension://${session.extensionId}/src/options/index.html`);
    await page.waitForSelector('#language');
    expect(await violations(page)).toEqual([]);
    const keyboard = await unfocusable(page);
    expect(keyboard.invisible).toEqual([]);
    expect(keyboard.reached).toBeGreaterThanOrEqual(3);
    await page.close();
  });

  it('the review page, empty and with a review: no violations; keyboard reaches every control with visible focus', async () => {
    const audit = await auditUrl(session, `${demo.siteUrl}/sign-good.html`, { viewport: VIEWPORT, keepOpen: true });
    const page = await session.context.newPage();
    await page.goto(`chrome-extension://${session.extensionId}/src/review-page/index.html`);
    await page.waitForSelector('#new-review');
    expect(await violations(page)).toEqual([]);
    await page.click('#new-review');
    await page.click('#attach');
    await expect.poll(() => page.locator('section[data-requirement="control-code"] .evidence li').count()).toBeGreaterThan(0);
    expect(await violations(page)).toEqual([]);
    const keyboard = await unfocusable(page, 200);
    expect(keyboard.invisible).toEqual([]);
    expect(keyboard.reached).toBeGreaterThan(20);
    await page.close();
    await audit.page.close();
  });

  it('the on-page panel: no violations inside its shadow root, status announced politely, buttons reachable by keyboard', async () => {
    const { tabId, page } = await auditUrl(session, `${demo.siteUrl}/sign-good.html`, { viewport: VIEWPORT, keepOpen: true });
    await page.bringToFront();
    await session.worker.evaluate((id) => (globalThis as unknown as Hooks).wysiwys.togglePanel(id, true), tabId);
    await expect.poll(() => page.locator('wysiwys-auditor-panel').count(), { timeout: 5000 }).toBe(1);
    await exposeClosedRoot(page, 'wysiwys-auditor-panel');
    await expect
      .poll(() =>
        page.evaluate(() => document.querySelector('wysiwys-auditor-panel')?.shadowRoot?.querySelectorAll('[data-check]').length ?? 0),
      )
      .toBeGreaterThan(5);
    const panel = await axeRun(page, { include: [['wysiwys-auditor-panel']] });
    expect(panel.violations).toEqual([]);
    // axe did look inside the shadow root (its targets there are [host, inner selector]).
    expect(panel.checked.filter((t) => t.startsWith('[["wysiwys-auditor-panel"')).length).toBeGreaterThan(10);
    const live = await page.evaluate(() =>
      [...document.querySelector('wysiwys-auditor-panel')!.shadowRoot!.querySelectorAll('[aria-live]')].map((e) =>
        e.getAttribute('aria-live'),
      ),
    );
    expect(live).toContain('polite');
    expect(live).not.toContain('assertive');
    // Keyboard: the panel's buttons take focus and show it.
    const focus = await page.evaluate(() => {
      const root = document.querySelector('wysiwys-auditor-panel')!.shadowRoot!;
      const buttons = [...root.querySelectorAll('button, a[href]')] as HTMLElement[];
      return buttons.map((b) => {
        b.focus({ focusVisible: true } as FocusOptions);
        const style = getComputedStyle(b);
        return root.activeElement === b && (style.outlineStyle !== 'none' || style.boxShadow !== 'none');
      });
    });
    expect(focus.length).toBeGreaterThan(0);
    expect(focus.every(Boolean)).toBe(true);
    // High contrast, large type: the panel's own switch (the settings page has the same); still no violations.
    await page.evaluate(() =>
      (document.querySelector('wysiwys-auditor-panel')!.shadowRoot!.querySelector('.tools .contrast') as HTMLElement).click(),
    );
    await expect
      .poll(() => page.evaluate(() => !!document.querySelector('wysiwys-auditor-panel')?.shadowRoot?.querySelector('.panel.hc')))
      .toBe(true);
    expect((await axeRun(page, { include: [['wysiwys-auditor-panel']] })).violations).toEqual([]);
    await page.close();
  });
});

/**
 * The panel lives in a closed shadow root (the page must not reach it). For axe only, the test hands that root to
 * the page's world as the host's `shadowRoot`, found through the DevTools protocol.
 */
async function exposeClosedRoot(page: Page, hostTag: string): Promise<void> {
  type DomNode = { nodeId: number; backendNodeId: number; nodeName: string; children?: DomNode[]; shadowRoots?: DomNode[] };
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
    const find = (n: DomNode): DomNode | undefined =>
      n.nodeName.toLowerCase() === hostTag ? n : [...(n.children ?? []), ...(n.shadowRoots ?? [])].map(find).find(Boolean);
    const shadow = find(root)?.shadowRoots?.[0];
    if (!shadow) throw new Error(`${hostTag} has no shadow root`);
    const { object } = (await cdp.send('DOM.resolveNode', { backendNodeId: shadow.backendNodeId })) as { object: { objectId: string } };
    await cdp.send('Runtime.callFunctionOn', {
      objectId: object.objectId,
      functionDeclaration:
        'function () { const root = this; Object.defineProperty(root.host, "shadowRoot", { get: () => root, configurable: true }); }',
    });
  } finally {
    await cdp.detach();
  }
}

/**
 * The on-page review panel with the built extension: it appears and disappears without touching the page's own
 * DOM outside its host, shows the control code and the verdicts, is in a screenshot of the tab (what a screen
 * share shows), comes back after navigation and reload, and can be dragged and collapsed to a badge.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startDemo, type DemoServer } from '../../demo/server';
import { auditUrl, readReport } from '../../src/cli/audit';
import { launchWithExtension, type ExtensionSession } from '../../src/cli/launch';
import type { SurfaceProbe } from '../../src/shared/messages';

let demo: DemoServer;
let session: ExtensionSession;
type Hooks = { wysiwys: { togglePanel(tabId: number, show?: boolean): Promise<{ shown: boolean }> } };
type ProbeHooks = { wysiwys: { probe(tabId: number, frameId?: number): Promise<SurfaceProbe | null>; frames(tabId: number): number[] } };

/** What the panel shows, read through the extension (its host carries nothing the page could read). */
const panelState = async (tabId: number) =>
  (await session.worker.evaluate((id) => (globalThis as unknown as ProbeHooks).wysiwys.probe(id, 0), tabId))?.panel ?? null;

beforeAll(async () => {
  demo = await startDemo();
  session = await launchWithExtension({ hostPermissions: ['http://127.0.0.1/*', 'http://localhost/*'] });
});

afterAll(async () => {
  await session?.close();
  await demo?.close();
});

const pageDomWithoutPanel = () => {
  const clone = document.documentElement.cloneNode(true) as HTMLElement;
  clone.querySelector('wysiwys-auditor-panel')?.remove();
  return clone.outerHTML;
};

describe('on-page panel', () => {
  it('shows the code and verdicts, is visible in a tab screenshot, leaves the page DOM alone, and goes away completely', async () => {
    const { tabId, page, report } = await auditUrl(session, `${demo.siteUrl}/sign-good.html`, {
      viewport: { width: 1280, height: 900 },
      keepOpen: true,
    });
    await page.bringToFront();
    const before = await page.evaluate(pageDomWithoutPanel);
    const shotBefore = await page.screenshot({ clip: { x: 1280 - 360, y: 900 - 300, width: 340, height: 280 } });

    await session.worker.evaluate((id) => (globalThis as unknown as Hooks).wysiwys.togglePanel(id, true), tabId);
    const host = page.locator('wysiwys-auditor-panel');
    await expect.poll(async () => (await panelState(tabId))?.code, { timeout: 5000 }).toBe('0041');
    const checks = (await panelState(tabId))!.checks;
    for (const c of report.checks) expect(checks).toContain(`${c.id}:${c.status}`);
    // The panel floats over the page but never counts as covering the page's own elements.
    await page.mouse.wheel(0, 1);
    await page.waitForTimeout(1200);
    const withPanel = (await readReport(session, tabId))!;
    expect(JSON.stringify(withPanel.checks)).not.toContain('wysiwys-auditor-panel');
    expect(withPanel.checks.find((c) => c.id === 'control-code')!.status).toBe('pass');
    // The page's own DOM is exactly as before; the panel lives only in its host.
    expect(await page.evaluate(pageDomWithoutPanel)).toBe(before);
    // A screen share sees it: the bottom-right corner of the tab now looks different.
    const shotAfter = await page.screenshot({ clip: { x: 1280 - 360, y: 900 - 300, width: 340, height: 280 } });
    expect(shotAfter.equals(shotBefore)).toBe(false);

    await session.worker.evaluate((id) => (globalThis as unknown as Hooks).wysiwys.togglePanel(id, false), tabId);
    await expect.poll(() => host.count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.outerHTML)).toBe(before);
    await page.close();
  });

  it('outlines and labels the evidence of every check at once, in every frame', async () => {
    const { tabId, page } = await auditUrl(session, `${demo.siteUrl}/sign-gateway.html`, {
      viewport: { width: 1280, height: 900 },
      keepOpen: true,
    });
    type Evidence = { wysiwys: { showEvidence(tabId: number): number } };
    const shown = await session.worker.evaluate((id) => (globalThis as unknown as Evidence).wysiwys.showEvidence(id), tabId);
    expect(shown).toBeGreaterThanOrEqual(3);
    // The code and the cancel control live in the cross-origin gateway frame: outlined there.
    const outlined = async () => {
      const frames = await session.worker.evaluate((id) => (globalThis as unknown as ProbeHooks).wysiwys.frames(id), tabId);
      let most = 0;
      for (const frameId of frames.filter((f) => f !== 0)) {
        const probe = await session.worker.evaluate(([id, f]) => (globalThis as unknown as ProbeHooks).wysiwys.probe(id, f), [
          tabId,
          frameId,
        ] as const);
        most = Math.max(most, probe?.overlay?.count ?? 0);
      }
      return most;
    };
    await expect.poll(outlined, { timeout: 5000 }).toBeGreaterThanOrEqual(2);
    await page.close();
  });

  it('comes back after navigating to another page of the site', async () => {
    const { tabId, page } = await auditUrl(session, `${demo.siteUrl}/sign-good.html`, {
      viewport: { width: 1280, height: 900 },
      keepOpen: true,
    });
    await session.worker.evaluate((id) => (globalThis as unknown as Hooks).wysiwys.togglePanel(id, true), tabId);
    await expect.poll(() => page.locator('wysiwys-auditor-panel').count(), { timeout: 5000 }).toBe(1);
    await page.goto(`${demo.siteUrl}/sign-good-lt.html`);
    await expect.poll(async () => (await panelState(tabId))?.code, { timeout: 8000 }).toBe('3962');
    // And after a reload.
    await page.reload();
    await expect.poll(async () => (await panelState(tabId))?.code, { timeout: 8000 }).toBe('3962');
    expect(await page.locator('wysiwys-auditor-panel').count()).toBe(1);
    await page.close();
  });

  it('drags by its title bar, collapses to a small badge and opens again (real mouse input)', async () => {
    const { tabId, page } = await auditUrl(session, `${demo.siteUrl}/sign-covered-code.html`, {
      viewport: { width: 1280, height: 900 },
      keepOpen: true,
    });
    await page.bringToFront();
    await session.worker.evaluate((id) => (globalThis as unknown as Hooks).wysiwys.togglePanel(id, true), tabId);
    await expect.poll(async () => (await panelState(tabId))?.checks, { timeout: 5000 }).toContain('control-code:');
    const panel = (await boxOf(page, 'panel'))!;
    const head = (await boxOf(page, 'head'))!;
    // The panel starts in the corner clear of the evidence, wherever that is: drag it toward the middle.
    const dx = head.x > 640 ? -200 : 200;
    const dy = head.y > 450 ? -200 : 200;
    await page.mouse.move(head.x + 40, head.y + head.h / 2);
    await page.mouse.down();
    await page.mouse.move(head.x + 40 + dx, head.y + head.h / 2 + dy, { steps: 5 });
    await page.mouse.up();
    const moved = (await boxOf(page, 'panel'))!;
    expect(Math.abs(Math.round(panel.x - moved.x))).toBeGreaterThan(150);
    expect(Math.abs(Math.round(panel.y - moved.y))).toBeGreaterThan(150);

    // The collapse button is the only button of the title bar.
    const collapse = (await boxOf(page, 'head', 'BUTTON'))!;
    await page.mouse.click(collapse.x + collapse.w / 2, collapse.y + collapse.h / 2);
    await expect.poll(async () => (await panelState(tabId))?.collapsed).toBe(true);
    expect(await boxOf(page, 'panel')).toBeUndefined();
    const mini = (await boxOf(page, 'mini'))!;
    // Small: a badge that counts the failing checks, far smaller than the panel.
    expect(mini.w * mini.h).toBeLessThan((panel.w * panel.h) / 5);
    expect(mini.text).toMatch(/✗ \d+/);
    await page.mouse.click(mini.x + mini.w / 2, mini.y + mini.h / 2);
    await expect.poll(async () => (await panelState(tabId))?.collapsed).toBe(false);
    expect(await boxOf(page, 'panel')).toBeDefined();
    await page.close();
  });
});

type DomNode = {
  nodeId: number;
  nodeType: number;
  nodeName: string;
  nodeValue?: string;
  attributes?: string[];
  children?: DomNode[];
  shadowRoots?: DomNode[];
};

/**
 * Where an element of our panel is on screen, found through the closed shadow root with the DevTools protocol
 * (the product has no test hook): the first element with `className` (or its first `tag` descendant).
 */
async function boxOf(
  page: Page,
  className: string,
  tag?: string,
): Promise<{ x: number; y: number; w: number; h: number; text: string } | undefined> {
  // The panel redraws when a new report arrives; a node read a moment before may be gone: read again.
  for (let attempt = 0; ; attempt++) {
    try {
      return await readBox(page, className, tag);
    } catch (error) {
      if (attempt >= 4 || !/Could not find node/.test(String(error))) throw error;
    }
  }
}

async function readBox(
  page: Page,
  className: string,
  tag?: string,
): Promise<{ x: number; y: number; w: number; h: number; text: string } | undefined> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
    const find = (n: DomNode, inside: boolean): DomNode | undefined => {
      const attrs = n.attributes ?? [];
      const matches = attrs.includes('class') && attrs[attrs.indexOf('class') + 1].split(/\s+/).includes(className);
      if (inside && tag ? n.nodeName === tag : matches && !tag) return n;
      for (const c of [...(n.shadowRoots ?? []), ...(n.children ?? [])]) {
        const hit = find(c, inside || matches);
        if (hit) return hit;
      }
      return undefined;
    };
    const node = find(root, false);
    if (!node) return undefined;
    const { model } = (await cdp.send('DOM.getBoxModel', { nodeId: node.nodeId })) as { model: { border: number[] } };
    const [x1, y1, x2, , , y3] = model.border;
    const text = (function collect(n: DomNode): string {
      return (n.nodeValue ?? '') + [...(n.children ?? [])].map(collect).join('');
    })(node);
    return { x: x1, y: y1, w: x2 - x1, h: y3 - y1, text };
  } finally {
    await cdp.detach();
  }
}

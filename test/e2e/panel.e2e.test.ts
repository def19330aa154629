/**
 * The on-page review panel with the built extension: it appears and disappears without touching the page's own
 * DOM outside its host, shows the control code and the verdicts, is in a screenshot of the tab (what a screen
 * share shows), and comes back after navigation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemo, type DemoServer } from '../../demo/server';
import { auditUrl, readReport } from '../../src/cli/audit';
import { launchWithExtension, type ExtensionSession } from '../../src/cli/launch';

let demo: DemoServer;
let session: ExtensionSession;
type Hooks = { wysiwys: { togglePanel(tabId: number, show?: boolean): Promise<{ shown: boolean }> } };

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
    const { tabId, page, report } = await auditUrl(session, `${demo.siteUrl}/sign-good.html`, { viewport: { width: 1280, height: 900 }, keepOpen: true });
    await page.bringToFront();
    const before = await page.evaluate(pageDomWithoutPanel);
    const shotBefore = await page.screenshot({ clip: { x: 1280 - 360, y: 900 - 300, width: 340, height: 280 } });

    await session.worker.evaluate((id) => (globalThis as unknown as Hooks).wysiwys.togglePanel(id, true), tabId);
    const host = page.locator('wysiwys-auditor-panel');
    await expect.poll(() => host.getAttribute('data-code'), { timeout: 5000 }).toBe('0041');
    const checks = (await host.getAttribute('data-checks'))!;
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
    const { tabId, page } = await auditUrl(session, `${demo.siteUrl}/sign-gateway.html`, { viewport: { width: 1280, height: 900 }, keepOpen: true });
    type Evidence = { wysiwys: { showEvidence(tabId: number): number } };
    const shown = await session.worker.evaluate((id) => (globalThis as unknown as Evidence).wysiwys.showEvidence(id), tabId);
    expect(shown).toBeGreaterThanOrEqual(3);
    // The code and the cancel control live in the cross-origin gateway frame: outlined there.
    const gateway = page.frames().find((f) => f.url().startsWith(demo.gatewayUrl))!;
    await expect.poll(() => gateway.locator('wysiwys-auditor-overlay').getAttribute('data-count'), { timeout: 5000 }).not.toBeNull();
    expect(Number(await gateway.locator('wysiwys-auditor-overlay').getAttribute('data-count'))).toBeGreaterThanOrEqual(2);
    await page.close();
  });

  it('comes back after navigating to another page of the site', async () => {
    const { tabId, page } = await auditUrl(session, `${demo.siteUrl}/sign-good.html`, { viewport: { width: 1280, height: 900 }, keepOpen: true });
    await session.worker.evaluate((id) => (globalThis as unknown as Hooks).wysiwys.togglePanel(id, true), tabId);
    await expect.poll(() => page.locator('wysiwys-auditor-panel').count(), { timeout: 5000 }).toBe(1);
    await page.goto(`${demo.siteUrl}/sign-good-lt.html`);
    const host = page.locator('wysiwys-auditor-panel');
    await expect.poll(() => host.getAttribute('data-code'), { timeout: 8000 }).toBe('3962');
    await page.close();
  });
});

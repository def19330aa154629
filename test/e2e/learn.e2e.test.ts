/**
 * Made for the call, with the built extension: the popup opens with the verdicts in one line above the list, each
 * check links to its learn-more page shipped with the extension, and the panel's first position keeps clear of the
 * evidence it reports.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditUrl } from '../../src/cli/audit';
import { launchWithExtension, type ExtensionSession } from '../../src/cli/launch';
import { servePages } from './pages-server';

let session: ExtensionSession;
let site: Awaited<ReturnType<typeof servePages>>;
type Hooks = { wysiwys: { togglePanel(tabId: number, show?: boolean): Promise<{ shown: boolean }> } };

// The waiting step sits in the bottom-right corner, where the panel would go by default.
const CORNER_PAGE = `<!doctype html><html lang="en"><head><title>Sign</title></head><body style="margin:0">
  <h1>Sign the agreement</h1><p>Lorem ipsum.</p>
  <div role="dialog" id="waiting" style="position:fixed;right:24px;bottom:24px;width:420px;padding:16px;border:1px solid #999;background:#fff">
    <p>Verification code</p><p id="code" style="font-size:40px;margin:0">0041</p>
    <p>Make sure the code matches the one in your Smart-ID app.</p>
    <button type="button">Cancel</button>
  </div></body></html>`;

beforeAll(async () => {
  site = await servePages({ '/corner.html': CORNER_PAGE });
  session = await launchWithExtension({ hostPermissions: ['http://127.0.0.1/*', 'http://localhost/*'] });
});

afterAll(async () => {
  await session?.close();
  await site?.close();
});

describe('made for the call', () => {
  it('the popup sums the verdicts up in one line and links each check to its page', async () => {
    const audit = await auditUrl(session, `${site.url}/corner.html`, { viewport: { width: 1280, height: 900 }, keepOpen: true });
    const popup = await session.context.newPage();
    await popup.goto(`chrome-extension://${session.extensionId}/${session.manifest.action.default_popup}?tabId=${audit.tabId}`);
    await popup.waitForSelector('#checks li.check');
    const rows = await popup.$$eval('#checks li.check', (li) => li.map((r) => r.getAttribute('data-status') ?? ''));
    const count = (s: string) => rows.filter((r) => r === s).length;
    const summary = (await popup.textContent('#summary')) ?? '';
    // Above the list, and it agrees with the rows.
    expect(
      await popup.evaluate(() => !!(document.querySelector('#summary')!.compareDocumentPosition(document.querySelector('#checks')!) & 4)),
    ).toBe(true);
    if (count('pass')) expect(summary).toContain(`${count('pass')} pass`);
    if (count('fail')) expect(summary).toContain(`${count('fail')} fail`);
    if (count('review')) expect(summary).toContain(`${count('review')} needs review`);

    await popup.locator('#checks li.check[data-check="control-code"] > button.row').click();
    const link = popup.locator('#checks li.check[data-check="control-code"] a.learn');
    expect(await link.getAttribute('href')).toBe(`chrome-extension://${session.extensionId}/learn/control-code.html`);
    const [learn] = await Promise.all([session.context.waitForEvent('page'), link.click()]);
    await learn.waitForLoadState();
    expect(await learn.textContent('h1')).toBe('Control code is clearly displayed');
    expect(await learn.locator('pre.good').count()).toBe(1);
    expect(await learn.locator('pre.bad').count()).toBe(1);
    await learn.close();
    await popup.close();
    await audit.page.close();
  });

  it("the panel's first position does not cover the evidence it reports", async () => {
    const { tabId, page } = await auditUrl(session, `${site.url}/corner.html`, { viewport: { width: 1280, height: 900 }, keepOpen: true });
    await page.bringToFront();
    await session.worker.evaluate((id) => (globalThis as unknown as Hooks).wysiwys.togglePanel(id, true), tabId);
    await expect.poll(() => page.locator('wysiwys-auditor-panel').count(), { timeout: 5000 }).toBe(1);
    const panelBox = async () => {
      const cdp = await page.context().newCDPSession(page);
      try {
        type DomNode = { nodeId: number; attributes?: string[]; children?: DomNode[]; shadowRoots?: DomNode[] };
        const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
        const find = (n: DomNode): DomNode | undefined => {
          const a = n.attributes ?? [];
          if (a.includes('class') && a[a.indexOf('class') + 1].split(' ').includes('panel')) return n;
          return [...(n.shadowRoots ?? []), ...(n.children ?? [])].map(find).find(Boolean);
        };
        const node = find(root);
        if (!node) return undefined;
        const { model } = (await cdp.send('DOM.getBoxModel', { nodeId: node.nodeId })) as { model: { border: number[] } };
        const [x1, y1, x2, , , y3] = model.border;
        return { x: x1, y: y1, w: x2 - x1, h: y3 - y1 };
      } finally {
        await cdp.detach();
      }
    };
    await expect.poll(async () => (await panelBox())?.h ?? 0, { timeout: 5000 }).toBeGreaterThan(200);
    const panel = (await panelBox())!;
    const dialog = (await page.locator('#waiting').boundingBox())!;
    const overlaps =
      panel.x < dialog.x + dialog.width &&
      dialog.x < panel.x + panel.w &&
      panel.y < dialog.y + dialog.height &&
      dialog.y < panel.y + panel.h;
    expect(overlaps, JSON.stringify({ panel, dialog })).toBe(false);
    await page.close();
  });
});

/**
 * The extension's own language: in the pseudo-locale every visible string of the popup (evidence names and the
 * timeline included), the on-page panel and the settings page is marked (so a string that bypasses the message
 * catalogue shows up), and in Lithuanian no English catalogue message is visible in the popup or the panel.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { startDemo, type DemoServer } from '../../demo/server';
import { auditUrl } from '../../src/cli/audit';
import { launchWithExtension, ROOT, type ExtensionSession } from '../../src/cli/launch';

let demo: DemoServer;
let session: ExtensionSession;
const catalogue = (lang: string) => JSON.parse(readFileSync(path.join(ROOT, 'public/_locales', lang, 'messages.json'), 'utf8')) as Record<string, { message: string }>;

beforeAll(async () => {
  demo = await startDemo();
  session = await launchWithExtension({ hostPermissions: ['http://127.0.0.1/*', 'http://localhost/*'] });
});

afterAll(async () => {
  await session?.close();
  await demo?.close();
});

async function setLanguage(lang: string): Promise<void> {
  await session.worker.evaluate((l) => chrome.storage.local.set({ uiLanguage: l }), lang);
}

/** Visible text of the page, node by node, leaving out what is data (page URLs, evidence values, times, language names). */
async function visibleTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const skip = '.url, dl.evidence dd, #language, .timeline .at';
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement!;
      const text = (n.textContent ?? '').trim();
      if (!text || !/\p{L}{2}/u.test(text) || el.closest(skip)) continue;
      if (!el.checkVisibility()) continue;
      if (/^\d{1,2}:\d{2}(:\d{2})?\s?(AM|PM)?$/i.test(text)) continue;
      out.push(text);
    }
    return out;
  });
}

/**
 * Text of our on-page panel, read through its closed shadow root with the DevTools protocol (the product has no
 * test hook), leaving out the control code's digits (page data).
 */
async function panelTexts(page: Page): Promise<string[]> {
  type DomNode = { nodeType: number; nodeName: string; nodeValue?: string; attributes?: string[]; children?: DomNode[]; shadowRoots?: DomNode[] };
  const cdp = await page.context().newCDPSession(page);
  const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
  await cdp.detach();
  const out: string[] = [];
  const walk = (n: DomNode, inPanel: boolean, skipped: boolean): void => {
    const attrs = n.attributes ?? [];
    const cls = attrs[attrs.indexOf('class') + 1] ?? '';
    const panel = inPanel || n.nodeName.toLowerCase() === 'wysiwys-auditor-panel';
    const skip = skipped || n.nodeName === 'STYLE' || (attrs.includes('class') && /\bdigits\b/.test(cls));
    const text = (n.nodeValue ?? '').trim();
    if (n.nodeType === 3 && panel && !skip && /\p{L}{2}/u.test(text)) out.push(text);
    for (const child of [...(n.shadowRoots ?? []), ...(n.children ?? [])]) walk(child, panel, skip);
  };
  walk(root, false, false);
  return out;
}

type PanelHooks = { wysiwys: { togglePanel(tabId: number, show?: boolean): Promise<{ shown: boolean }> } };

async function panelFor(url: string): Promise<{ texts: string[]; close(): Promise<void> }> {
  const { tabId, page } = await auditUrl(session, url, { viewport: { width: 1280, height: 900 }, keepOpen: true });
  await session.worker.evaluate((id) => (globalThis as unknown as PanelHooks).wysiwys.togglePanel(id, true), tabId);
  await page.locator('wysiwys-auditor-panel[data-checks*="control-code"]').waitFor({ state: 'attached', timeout: 8000 });
  const texts = await panelTexts(page);
  return { texts, close: () => page.close() };
}

async function popupFor(url: string): Promise<{ popup: Page; close(): Promise<void> }> {
  const { tabId, page } = await auditUrl(session, url, { viewport: { width: 1280, height: 900 }, keepOpen: true });
  const popup = await session.context.newPage();
  await popup.goto(`chrome-extension://${session.extensionId}/${session.manifest.action.default_popup}?tabId=${tabId}`);
  await popup.waitForSelector('#checks li.check');
  return { popup, close: async () => { await popup.close(); await page.close(); } };
}

describe('languages of the extension', () => {
  it('takes every visible popup and settings string from the catalogue (pseudo-locale)', async () => {
    await setLanguage('xx');
    const { popup, close } = await popupFor(`${demo.siteUrl}/sign-covered-code.html`);
    // Failing rows are open: their findings' messages and evidence names are visible too; so is the timeline.
    await popup.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
    const texts = await visibleTexts(popup);
    expect(texts.some((text) => text.startsWith('⟦') && text.includes('⟧'))).toBe(true);
    expect(await popup.locator('dl.evidence dt').count()).toBeGreaterThan(3);
    expect(await popup.locator('#timeline li.entry').count()).toBeGreaterThan(0);
    const unmarked = texts.filter((text) => !text.includes('⟦'));
    expect(unmarked).toEqual([]);
    const options = await session.context.newPage();
    await options.goto(`chrome-extension://${session.extensionId}/src/options/index.html`);
    await options.waitForSelector('h1');
    expect((await visibleTexts(options)).filter((text) => !text.includes('⟦'))).toEqual([]);
    await options.close();
    await close();
  });

  it('takes every string of the on-page panel from the catalogue (pseudo-locale)', async () => {
    await setLanguage('xx');
    const { texts, close } = await panelFor(`${demo.siteUrl}/sign-covered-code.html`);
    expect(texts.length).toBeGreaterThan(5);
    expect(texts.filter((text) => !text.includes('⟦'))).toEqual([]);
    await close();
  });

  it('shows no English catalogue message in the Lithuanian panel', async () => {
    await setLanguage('lt');
    const { texts, close } = await panelFor(`${demo.siteUrl}/sign-good-lt.html`);
    const en = catalogue('en');
    const lt = catalogue('lt');
    const english = new Set(Object.keys(en).filter((k) => en[k].message !== lt[k].message && /\p{L}{3}/u.test(en[k].message)).map((k) => en[k].message));
    // Badges read "icon word": compare the word.
    const words = texts.map((text) => text.replace(/^[✓✗?–!○]\s*/u, ''));
    expect(words.filter((text) => english.has(text))).toEqual([]);
    expect(words).toContain(lt.status_pass.message);
    expect(words).toContain(lt.panel_code.message);
    await close();
    await setLanguage('en');
  });

  it('shows no English catalogue message in the Lithuanian popup', async () => {
    await setLanguage('lt');
    const { popup, close } = await popupFor(`${demo.siteUrl}/sign-good-lt.html`);
    const en = catalogue('en');
    const lt = catalogue('lt');
    const english = new Set(Object.keys(en).filter((k) => en[k].message !== lt[k].message && /\p{L}{3}/u.test(en[k].message)).map((k) => en[k].message));
    const texts = await visibleTexts(popup);
    expect(texts.filter((text) => english.has(text))).toEqual([]);
    expect(texts).toContain(lt.rule_control_code_title.message);
    expect(texts).toContain(lt.status_pass.message);
    await close();
    await setLanguage('en');
  });
});

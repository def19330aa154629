/**
 * The extension's own language: in the pseudo-locale every visible string of the popup, the panel and the settings
 * page is marked (so a string that bypasses the message catalogue shows up), and in Lithuanian no English
 * catalogue message is visible.
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
    const skip = '.url, dl.evidence, #language, .meta.series, .timeline li, .history';
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
    // Failing rows are open: their findings' messages are visible too.
    const unmarked = (await visibleTexts(popup)).filter((text) => !text.includes('⟦'));
    expect(unmarked).toEqual([]);
    const options = await session.context.newPage();
    await options.goto(`chrome-extension://${session.extensionId}/src/options/index.html`);
    await options.waitForSelector('h1');
    expect((await visibleTexts(options)).filter((text) => !text.includes('⟦'))).toEqual([]);
    await options.close();
    await close();
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
    await close();
    await setLanguage('en');
  });
});

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
const catalogue = (lang: string) =>
  JSON.parse(readFileSync(path.join(ROOT, 'public/_locales', lang, 'messages.json'), 'utf8')) as Record<string, { message: string }>;

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
async function visibleTexts(page: Page, data = ''): Promise<string[]> {
  return page.evaluate((extra) => {
    // The session mark is a random word (data, like page text), not a string of ours.
    const skip = `.url, dl.evidence dd, #language, .timeline .at, #session-mark .mark${extra ? `, ${extra}` : ''}`;
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
  }, data);
}

/** Catalogue messages that read differently in Lithuanian: none of them may show in the Lithuanian UI. */
function englishOnly(): Set<string> {
  const en = catalogue('en');
  const lt = catalogue('lt');
  return new Set(
    Object.keys(en)
      .filter((k) => en[k].message !== lt[k].message && /\p{L}{3}/u.test(en[k].message))
      .map((k) => en[k].message),
  );
}

/** Review names (data) and the sandbox identities' answers (API result codes) are not our wording. */
const REVIEW_DATA = 'ul.reviews, table.testdata td';

async function reviewWithResults(url: string): Promise<{ page: Page; close(): Promise<void> }> {
  const audited = await auditUrl(session, url, { viewport: { width: 1280, height: 900 }, keepOpen: true });
  const page = await session.context.newPage();
  await page.goto(`chrome-extension://${session.extensionId}/src/review-page/index.html`);
  await page.click('#new-review');
  await page.click('#attach');
  await expect.poll(() => page.locator('section[data-requirement="control-code"] .evidence li').count()).toBeGreaterThan(0);
  return {
    page,
    close: async () => {
      await page.close();
      await audited.page.close();
    },
  };
}

async function downloaded(page: Page, button: string): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(button)]);
  return readFileSync((await download.path())!, 'utf8');
}

/**
 * Text of our on-page panel, read through its closed shadow root with the DevTools protocol (the product has no
 * test hook), leaving out the control code's digits (page data).
 */
async function panelTexts(page: Page): Promise<string[]> {
  type DomNode = {
    nodeType: number;
    nodeName: string;
    nodeValue?: string;
    attributes?: string[];
    children?: DomNode[];
    shadowRoots?: DomNode[];
  };
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
  // Drawn once the panel lists the checks (read through the extension: the host carries nothing the page could read).
  type ProbeHooks = { wysiwys: { probe(tabId: number, frameId?: number): Promise<{ panel: { checks: string } | null } | null> } };
  await expect
    .poll(
      async () =>
        (await session.worker.evaluate((id) => (globalThis as unknown as ProbeHooks).wysiwys.probe(id, 0), tabId))?.panel?.checks ?? '',
      { timeout: 8000 },
    )
    .toContain('control-code');
  const texts = await panelTexts(page);
  return { texts, close: () => page.close() };
}

async function popupFor(url: string): Promise<{ popup: Page; close(): Promise<void> }> {
  const { tabId, page } = await auditUrl(session, url, { viewport: { width: 1280, height: 900 }, keepOpen: true });
  const popup = await session.context.newPage();
  await popup.goto(`chrome-extension://${session.extensionId}/${session.manifest.action.default_popup}?tabId=${tabId}`);
  await popup.waitForSelector('#checks li.check');
  return {
    popup,
    close: async () => {
      await popup.close();
      await page.close();
    },
  };
}

describe('languages of the extension', () => {
  it('takes every visible popup and settings string from the catalogue (pseudo-locale)', async () => {
    await setLanguage('xx');
    const { popup, close } = await popupFor(`${demo.siteUrl}/sign-covered-code.html`);
    // Failing rows are open: their findings' messages and evidence names are visible too; so is the timeline.
    await popup.evaluate(() =>
      document.querySelectorAll('details').forEach((d) => {
        d.open = true;
      }),
    );
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

  it('takes every visible string of the review page from the catalogue (pseudo-locale)', async () => {
    await setLanguage('xx');
    const { page, close } = await reviewWithResults(`${demo.siteUrl}/sign-covered-code.html`);
    const texts = await visibleTexts(page, REVIEW_DATA);
    expect(texts.length).toBeGreaterThan(40);
    expect(texts.filter((text) => !text.includes('⟦'))).toEqual([]);
    await close();
  });

  it('runs a whole review in Lithuanian: review page, settings and the exported reports show no English message', async () => {
    await setLanguage('lt');
    const lt = catalogue('lt');
    const english = englishOnly();
    const { page, close } = await reviewWithResults(`${demo.siteUrl}/sign-good-lt.html`);
    await page.locator('section[data-requirement="flow"] input[value="fail"]').check();
    const texts = await visibleTexts(page, REVIEW_DATA);
    expect(texts.filter((text) => english.has(text))).toEqual([]);
    expect(texts).toContain(lt.requirement_control_code_title.message);
    expect(texts).toContain(lt.reviewpage_testData.message);

    const html = await downloaded(page, '#export-html');
    expect(html).toContain('<html lang="lt">');
    const viewer = await session.context.newPage();
    await viewer.setContent(html);
    const reportTexts = await viewer.evaluate(() => {
      const out: string[] = [];
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) if (n.textContent!.trim()) out.push(n.textContent!.trim());
      return out;
    });
    expect(reportTexts.filter((text) => english.has(text))).toEqual([]);
    expect(reportTexts).toContain(lt.summary_title.message);
    expect(reportTexts.some((text) => text.includes(lt.rule_control_code_title.message))).toBe(true);
    await viewer.close();
    const markdown = await downloaded(page, '#export-md');
    expect(markdown).toContain(`## ${lt.summary_title.message}`);
    expect(markdown).not.toContain(catalogue('en').summary_title.message);

    const options = await session.context.newPage();
    await options.goto(`chrome-extension://${session.extensionId}/src/options/index.html`);
    await options.waitForSelector('h1');
    expect((await visibleTexts(options)).filter((text) => english.has(text))).toEqual([]);
    await options.close();
    await close();
    await setLanguage('en');
  });

  it('shows no English catalogue message in the Lithuanian panel', async () => {
    await setLanguage('lt');
    const { texts, close } = await panelFor(`${demo.siteUrl}/sign-good-lt.html`);
    const lt = catalogue('lt');
    const english = englishOnly();
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
    const lt = catalogue('lt');
    const english = englishOnly();
    const texts = await visibleTexts(popup);
    expect(texts.filter((text) => english.has(text))).toEqual([]);
    expect(texts).toContain(lt.rule_control_code_title.message);
    expect(texts).toContain(lt.status_pass.message);
    await close();
    await setLanguage('en');
  });
});

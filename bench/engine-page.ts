/**
 * The bench's contract page of `elements` elements, open in headless Chromium with the test engine
 * (window.__wysiwysAudit) injected: what the profiling scripts (profile-gather, profile-evaluate) measure on.
 */
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { chromiumPath, CLOSED_SHADOW_SHIM } from '../test/support/chromium';
import { buildEngineBundle } from '../test/support/engine-bundle';
import { serveBenchPages } from './server';

export async function openEnginePage(elements: number): Promise<{ page: Page; context: BrowserContext; close(): Promise<void> }> {
  const pages = await serveBenchPages([elements], []);
  const bundle = await buildEngineBundle();
  const browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: ['--no-sandbox'] });
  const close = async () => {
    await browser.close();
    await pages.close();
  };
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addInitScript(CLOSED_SHADOW_SHIM);
    const page = await context.newPage();
    await page.goto(pages.page(elements), { waitUntil: 'load' });
    await page.addScriptTag({ content: bundle });
    return { page, context, close };
  } catch (error) {
    await close();
    throw error;
  }
}
